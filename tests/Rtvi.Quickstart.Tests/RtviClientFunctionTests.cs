using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Rtvi.Extensions.AI;

namespace Rtvi.Quickstart.Tests;

/// <summary><see cref="RtviClientFunction"/>: an AIFunction relayed to the client through the RTVI function-call messages.</summary>
public sealed class RtviClientFunctionTests
{
    private const string ThemeSchema = """{"type":"object","properties":{"theme":{"type":"string"}},"required":["theme"]}""";

    [Fact]
    public async Task Describes_itself_with_name_description_and_schema()
    {
        await using var client = await InMemorySession.StartAsync();
        var function = new RtviClientFunction(client.Session, "set_theme", "Switches the theme.", ThemeSchema);

        Assert.Equal("set_theme", function.Name);
        Assert.Equal("Switches the theme.", function.Description);
        Assert.Equal("string", function.JsonSchema.GetProperty("properties").GetProperty("theme").GetProperty("type").GetString());
        Assert.Equal("object", new RtviClientFunction(client.Session, "f", "").JsonSchema.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_schema_that_is_not_an_object_is_rejected()
    {
        await using var client = await InMemorySession.StartAsync();
        Assert.Throws<ArgumentException>(() => new RtviClientFunction(client.Session, "f", "", "[1]"));
    }

    [Fact]
    public async Task Invoking_relays_the_call_to_a_2x_client_and_returns_its_object_result()
    {
        await using var client = await InMemorySession.StartAsync();
        var function = new RtviClientFunction(client.Session, "set_theme", "Switches the theme.", ThemeSchema);

        var invocation = function.InvokeAsync(new AIFunctionArguments { ["theme"] = "dark" }).AsTask();
        await client.ReceiveAsync("llm-function-call-started");
        var inProgress = (await client.ReceiveAsync("llm-function-call-in-progress")).GetProperty("data");
        Assert.Equal("set_theme", inProgress.GetProperty("function_name").GetString());
        Assert.Equal("""{"theme":"dark"}""", inProgress.GetProperty("arguments").GetRawText());
        await client.SendResultAsync("set_theme", inProgress.GetProperty("tool_call_id").GetString()!, """{"theme":"dark","ok":true}""");

        var result = Assert.IsType<JsonElement>(await invocation);
        Assert.True(result.GetProperty("ok").GetBoolean());
        var stopped = (await client.ReceiveAsync("llm-function-call-stopped")).GetProperty("data");
        Assert.False(stopped.GetProperty("cancelled").GetBoolean());
    }

    [Fact]
    public async Task A_string_result_is_returned_as_a_string()
    {
        await using var client = await InMemorySession.StartAsync();
        var function = new RtviClientFunction(client.Session, "get_client_time", "Browser time.");

        var invocation = function.InvokeAsync().AsTask();
        var inProgress = (await client.ReceiveAsync("llm-function-call-in-progress")).GetProperty("data");
        Assert.Equal("{}", inProgress.GetProperty("arguments").GetRawText());
        await client.SendResultAsync("get_client_time", inProgress.GetProperty("tool_call_id").GetString()!, "\"12:00\"");

        Assert.Equal("12:00", await invocation);
    }

    [Fact]
    public async Task A_0_3_client_gets_llm_function_call_with_a_generated_tool_call_id()
    {
        await using var client = await InMemorySession.StartAsync(version: null);
        var function = new RtviClientFunction(client.Session, "get_client_time", "Browser time.");

        var invocation = function.InvokeAsync().AsTask();
        var call = (await client.ReceiveAsync("llm-function-call")).GetProperty("data");
        var toolCallId = call.GetProperty("tool_call_id").GetString()!;
        Assert.StartsWith("call_", toolCallId, StringComparison.Ordinal);
        await client.SendResultAsync("get_client_time", toolCallId, """{"time":"noon"}""");

        Assert.Equal("noon", Assert.IsType<JsonElement>(await invocation).GetProperty("time").GetString());
    }

    [Fact]
    public async Task The_model_tool_call_id_is_the_relayed_tool_call_id_and_the_result_goes_back_to_the_model()
    {
        await using var client = await InMemorySession.StartAsync();
        var function = new RtviClientFunction(client.Session, "set_theme", "Switches the theme.", ThemeSchema);
        using var chat = new FunctionInvokingChatClient(new OneToolCallChatClient("call_from_model", "set_theme", new() { ["theme"] = "light" }));

        var response = chat.GetResponseAsync("light please", new ChatOptions { Tools = [function] });
        var inProgress = (await client.ReceiveAsync("llm-function-call-in-progress")).GetProperty("data");
        Assert.Equal("call_from_model", inProgress.GetProperty("tool_call_id").GetString());
        await client.SendResultAsync("set_theme", "call_from_model", """{"theme":"light"}""");

        Assert.Equal("""The client said {"theme":"light"}""", (await response).Text);
    }

    [Fact]
    public async Task Arguments_of_other_types_are_written_through_the_AI_serializer_options()
    {
        await using var client = await InMemorySession.StartAsync();
        var function = new RtviClientFunction(client.Session, "f", "");
        var arguments = new AIFunctionArguments
        {
            ["element"] = JsonDocument.Parse("""{"a":[1,2]}""").RootElement,
            ["count"] = 3,
            ["ratio"] = 0.5,
            ["flag"] = true,
            ["nothing"] = null,
            ["node"] = new JsonObject { ["x"] = "y" },
            ["names"] = new[] { "a", "b" },
            ["when"] = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };

        var invocation = function.InvokeAsync(arguments).AsTask();
        var inProgress = (await client.ReceiveAsync("llm-function-call-in-progress")).GetProperty("data");
        var expected = JsonNode.Parse("""
            {"element":{"a":[1,2]},"count":3,"ratio":0.5,"flag":true,"nothing":null,"node":{"x":"y"},"names":["a","b"],"when":"2025-01-02T03:04:05+00:00"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(inProgress.GetProperty("arguments").GetRawText())), inProgress.GetProperty("arguments").GetRawText());
        await client.SendResultAsync("f", inProgress.GetProperty("tool_call_id").GetString()!, "{}");
        await invocation;
    }

    [Fact]
    public async Task No_result_in_time_throws_a_timeout_and_tells_the_client_the_call_was_cancelled()
    {
        await using var client = await InMemorySession.StartAsync();
        var function = new RtviClientFunction(client.Session, "slow", "", timeout: TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAsync<RtviFunctionCallTimeoutException>(() => function.InvokeAsync().AsTask());
        var stopped = (await client.ReceiveAsync("llm-function-call-stopped")).GetProperty("data");
        Assert.True(stopped.GetProperty("cancelled").GetBoolean());
    }

    /// <summary>Asks for one tool call, then answers with the tool's result.</summary>
    private sealed class OneToolCallChatClient(string callId, string name, Dictionary<string, object?> arguments) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var result = messages.Last().Contents.OfType<FunctionResultContent>().FirstOrDefault();
            return Task.FromResult(result is null
                ? new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, name, arguments)]))
                : new ChatResponse(new ChatMessage(ChatRole.Assistant, $"The client said {result.Result}")));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
