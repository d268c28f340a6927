using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Rtvi.Quickstart.Tests;

/// <summary>
/// A tiny OpenAI-compatible server on a loopback port: <c>POST /v1/chat/completions</c> with SSE streaming. It asks for
/// <c>get_client_time</c> when the last user message mentions the time and tools are offered, answers a tool result
/// with "It is {time} for you.", and anything else with a fixed greeting.
/// </summary>
internal sealed class FakeOpenAIServer : IAsyncDisposable
{
    public const string Greeting = "Hello from the fake model. It streams.";
    private readonly WebApplication _app;

    private FakeOpenAIServer(WebApplication app) => _app = app;

    /// <summary>The request bodies received, in order.</summary>
    public ConcurrentQueue<JsonElement> Requests { get; } = new();

    /// <summary>The base URI an OpenAI client is configured with (ends in <c>/v1</c>).</summary>
    public Uri Endpoint { get; private set; } = null!;

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAIServer(app);
        app.MapPost("/v1/chat/completions", (RequestDelegate)server.CompleteAsync);
        await app.StartAsync();
        server.Endpoint = new Uri(app.Urls.Single().TrimEnd('/') + "/v1");
        return server;
    }

    private async Task CompleteAsync(HttpContext context)
    {
        var request = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.Clone();
        Requests.Enqueue(request);
        var model = request.GetProperty("model").GetString()!;
        var last = request.GetProperty("messages").EnumerateArray().Last();
        context.Response.ContentType = "text/event-stream";

        if (last.GetProperty("role").GetString() == "tool")
        {
            var result = JsonDocument.Parse(last.GetProperty("content").GetString()!).RootElement;
            await StreamTextAsync(context, model, $"It is {result.GetProperty("time").GetString()} for you.");
        }
        else if (request.TryGetProperty("tools", out _) && last.GetProperty("content").ToString().Contains("time", StringComparison.OrdinalIgnoreCase))
        {
            await WriteChunkAsync(context, model, """{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_fake_1","type":"function","function":{"name":"get_client_time","arguments":""}}]}""", null);
            await WriteChunkAsync(context, model, """{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}""", null);
            await WriteChunkAsync(context, model, "{}", "tool_calls");
            await WriteDoneAsync(context);
        }
        else
        {
            await StreamTextAsync(context, model, Greeting);
        }
    }

    private static async Task StreamTextAsync(HttpContext context, string model, string text)
    {
        await WriteChunkAsync(context, model, """{"role":"assistant","content":""}""", null);
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var piece = i < words.Length - 1 ? words[i] + " " : words[i];
            await WriteChunkAsync(context, model, $$"""{"content":{{JsonSerializer.Serialize(piece)}}}""", null);
        }
        await WriteChunkAsync(context, model, "{}", "stop");
        await WriteDoneAsync(context);
    }

    private static async Task WriteChunkAsync(HttpContext context, string model, string delta, string? finishReason)
    {
        var finish = finishReason is null ? "null" : $"\"{finishReason}\"";
        var chunk = $$$"""{"id":"chatcmpl-fake","object":"chat.completion.chunk","created":1700000000,"model":"{{{model}}}","choices":[{"index":0,"delta":{{{delta}}},"finish_reason":{{{finish}}}}]}""";
        await context.Response.WriteAsync($"data: {chunk}\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }

    private static async Task WriteDoneAsync(HttpContext context)
    {
        await context.Response.WriteAsync("data: [DONE]\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
