using System.Text.Json;
using Rtvi.Transports;

namespace Rtvi.Quickstart.Tests;

/// <summary>A running server session over an in-memory connection, with the session object captured at client-ready.</summary>
internal sealed class InMemorySession : IAsyncDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(10);
    private readonly RtviInMemoryConnection _connection = new();
    private readonly Task _run;

    private InMemorySession(RtviServer server) => _run = server.RunSessionAsync(_connection);

    public RtviSession Session { get; private set; } = null!;

    /// <summary>Starts a session and completes the handshake with the given client version (null: a 0.3 client).</summary>
    public static async Task<InMemorySession> StartAsync(string? version = "2.1.0", Action<RtviServerOptions>? configure = null)
    {
        var ready = new TaskCompletionSource<RtviSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new RtviServerOptions();
        options.Hooks.OnClientReady = (session, _, _) =>
        {
            ready.TrySetResult(session);
            return default;
        };
        configure?.Invoke(options);
        var harness = new InMemorySession(new RtviServer(new RtviRegistryBuilder().Build(), options));
        var data = version is null ? "{}" : $$$"""{"version":"{{{version}}}","about":{"library":"test"}}""";
        await harness.SendAsync($$"""{"label":"rtvi-ai","type":"client-ready","id":"ready-1","data":{{data}}}""");
        harness.Session = await ready.Task.WaitAsync(s_deadline);
        await harness.ReceiveAsync("bot-ready");
        return harness;
    }

    public ValueTask SendAsync(string json) => _connection.ClientSendAsync(json);

    /// <summary>The next message of <paramref name="type"/>, skipping others.</summary>
    public async Task<JsonElement> ReceiveAsync(string type)
    {
        using var timeout = new CancellationTokenSource(s_deadline);
        while (true)
        {
            var text = await _connection.ClientReceiveAsync(timeout.Token) ?? throw new InvalidOperationException($"closed before '{type}'");
            var message = JsonDocument.Parse(text).RootElement;
            if (message.GetProperty("type").GetString() == type)
            {
                return message;
            }
        }
    }

    /// <summary>Answers a relayed function call like the JS client does.</summary>
    public ValueTask SendResultAsync(string functionName, string toolCallId, string resultJson) =>
        SendAsync($$$"""{"label":"rtvi-ai","type":"llm-function-call-result","id":"res-1","data":{"function_name":"{{{functionName}}}","tool_call_id":"{{{toolCallId}}}","arguments":{},"result":{{{resultJson}}}}}""");

    public async ValueTask DisposeAsync()
    {
        _connection.ClientClose();
        await _run.WaitAsync(s_deadline);
    }
}
