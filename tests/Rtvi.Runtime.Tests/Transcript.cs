using System.Text.Json;
using System.Text.Json.Nodes;
using Rtvi.Conformance;
using Rtvi.Transports;

namespace Rtvi.Tests;

/// <summary>
/// Drives one session over the in-memory transport as a message transcript: <see cref="Send"/> is "→",
/// <see cref="Expect"/> is "←" (JSON compared structurally, key order ignored).
/// </summary>
internal sealed class Transcript : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private readonly RtviInMemoryConnection _connection = new();
    private readonly CancellationTokenSource _stop = new();
    private int _markers;

    private Transcript(RtviServer server)
    {
        Server = server;
        Session = server.RunSessionAsync(_connection, _stop.Token);
    }

    public RtviServer Server { get; }

    public Task Session { get; }

    public RtviInMemoryConnection Connection => _connection;

    /// <summary>The server side of the session, once it started (the hook completes <see cref="Started"/> before any message is read).</summary>
    public RtviSession? ServerSession => Started.IsCompletedSuccessfully ? Started.Result : null;

    /// <summary>The server side of the session, as soon as it started.</summary>
    public Task<RtviSession> Started { get; private init; } = null!;

    /// <summary>Why the session ended (null while it runs).</summary>
    public RtviSessionEndReason? EndReason => ServerSession?.EndReason;

    public static Transcript Start(RtviRegistry registry, RtviServerOptions? options = null)
    {
        options ??= new RtviServerOptions();
        var started = options.Hooks.OnSessionStarted;
        var sessions = new TaskCompletionSource<RtviSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        options.Hooks.OnSessionStarted = (session, ct) =>
        {
            sessions.TrySetResult(session);
            return started?.Invoke(session, ct) ?? default;
        };
        return new Transcript(new RtviServer(registry, options)) { Started = sessions.Task };
    }

    /// <summary>A session against the conformance fixtures for <paramref name="mode"/>.</summary>
    public static Transcript Fixture(RtviProtocolMode mode, Action<RtviServerOptions>? configure = null)
    {
        var options = ConformanceFixtures.CreateOptions(mode);
        configure?.Invoke(options);
        return Start(ConformanceFixtures.CreateRegistry(mode), options);
    }

    /// <summary>Builds a client envelope; <paramref name="data"/> is JSON text (single quotes allowed).</summary>
    public static string Msg(string type, string? id = null, string? data = null)
    {
        var node = new JsonObject { ["label"] = "rtvi-ai", ["type"] = type };
        if (id is not null)
        {
            node["id"] = id;
        }
        if (data is not null)
        {
            node["data"] = JsonNode.Parse(Quote(data));
        }
        return node.ToJsonString();
    }

    public static string Quote(string json) => json.Replace('\'', '"');

    public ValueTask Send(string json) => _connection.ClientSendAsync(json);

    public async Task<JsonObject> Receive()
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        var text = await _connection.ClientReceiveAsync(timeout.Token) ?? throw new Xunit.Sdk.XunitException("The server closed the connection.");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Receives the next message and checks it equals <paramref name="expected"/> (single quotes allowed).</summary>
    public async Task<JsonObject> Expect(string expected)
    {
        var actual = await Receive();
        var want = JsonNode.Parse(Quote(expected));
        Assert.True(JsonNode.DeepEquals(want, actual), $"Expected {want!.ToJsonString()}\n     got {actual.ToJsonString()}");
        return actual;
    }

    /// <summary>Receives the next message and checks its type and id (and returns it for further checks).</summary>
    public async Task<JsonObject> ExpectType(string type, string? id = null)
    {
        var actual = await Receive();
        Assert.Equal(type, (string?)actual["type"]);
        if (id is not null)
        {
            Assert.Equal(id, (string?)actual["id"]);
        }
        return actual;
    }

    /// <summary>Completes the handshake and checks the type of the answer.</summary>
    public async Task<JsonObject> Handshake(string? version = null)
    {
        await Send(Msg("client-ready", "ready-1", version is null ? "{}" : $"{{'version':'{version}'}}"));
        return await ExpectType("bot-ready", "ready-1");
    }

    /// <summary>
    /// Proves nothing else was sent before this point: an unsupported-type request is answered next, in order,
    /// in every mode.
    /// </summary>
    public async Task ExpectQuiet()
    {
        var marker = "marker-" + (++_markers);
        await Send(Msg(marker, marker, "{}"));
        await Expect($"{{'label':'rtvi-ai','type':'error-response','id':'{marker}','data':{{'error':'Unsupported type {marker}'}}}}");
    }

    public async Task ExpectClosed()
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        while (await _connection.ClientReceiveAsync(timeout.Token) is { } extra)
        {
            Assert.Fail("Unexpected message after close: " + extra);
        }
        await Session.WaitAsync(s_timeout);
    }

    public async ValueTask DisposeAsync()
    {
        _connection.ClientClose();
        await _stop.CancelAsync();
        try
        {
            await Session.WaitAsync(s_timeout);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
