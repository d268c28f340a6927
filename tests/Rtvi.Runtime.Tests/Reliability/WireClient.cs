using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Rtvi.Transports;

namespace Rtvi.Tests.Reliability;

/// <summary>
/// A client on one of the real transports that can misbehave: send raw bytes (invalid UTF-8 included), stop reading,
/// close its side mid-conversation, or vanish.
/// </summary>
internal abstract class WireClient : IAsyncDisposable
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Whether the server aborted the connection rather than closing it cleanly.</summary>
    public bool SawAbort { get; protected set; }

    public Task Send(string json) => SendBytes(Encoding.UTF8.GetBytes(json));

    /// <summary>Sends one envelope given as raw bytes, in this transport's framing.</summary>
    public abstract Task SendBytes(byte[] envelope);

    /// <summary>The next envelope, or null once the server closed or aborted the connection.</summary>
    public abstract Task<JsonObject?> Receive(TimeSpan? timeout = null);

    /// <summary>The client stops sending (a close frame; the end of its output stream).</summary>
    public abstract Task CloseOutput();

    public async Task<JsonObject> Expect(string expected)
    {
        var actual = await Receive() ?? throw new Xunit.Sdk.XunitException("The server closed the connection; expected " + expected);
        var want = JsonNode.Parse(Transcript.Quote(expected));
        Assert.True(JsonNode.DeepEquals(want, actual), $"Expected {want!.ToJsonString()}\n     got {actual.ToJsonString()}");
        return actual;
    }

    public async Task<JsonObject> ExpectType(string type, string? id = null)
    {
        var actual = await Receive() ?? throw new Xunit.Sdk.XunitException($"The server closed the connection; expected {type}");
        Assert.Equal(type, (string?)actual["type"]);
        if (id is not null)
        {
            Assert.Equal(id, (string?)actual["id"]);
        }
        return actual;
    }

    public async Task<JsonObject> Handshake()
    {
        await Send(Transcript.Msg("client-ready", "ready-1", "{}"));
        return await ExpectType("bot-ready", "ready-1");
    }

    /// <summary>Reads until the server ends the connection, returning what arrived before.</summary>
    public async Task<List<JsonObject>> ReadToEnd(TimeSpan? timeout = null)
    {
        var messages = new List<JsonObject>();
        while (await Receive(timeout) is { } message)
        {
            messages.Add(message);
        }
        return messages;
    }

    /// <summary>Proves the session still answers: an unsupported type is answered, in order.</summary>
    public async Task ExpectAlive(string id)
    {
        await Send(Transcript.Msg("alive-probe", id, "{}"));
        await Expect($"{{'label':'rtvi-ai','type':'error-response','id':'{id}','data':{{'error':'Unsupported type alive-probe'}}}}");
    }

    public abstract ValueTask DisposeAsync();
}

/// <summary>A <see cref="ClientWebSocket"/> speaking binary (protobuf) or text framing.</summary>
internal sealed class WebSocketWireClient(ClientWebSocket socket, WebSocketMessageType framing) : WireClient
{
    public ClientWebSocket Socket { get; } = socket;

    public override async Task SendBytes(byte[] envelope)
    {
        var bytes = envelope;
        if (framing == WebSocketMessageType.Binary)
        {
            bytes = new byte[PipecatFrameCodec.GetMessageFrameLength(envelope.Length)];
            PipecatFrameCodec.WriteMessageFrame(envelope, bytes);
        }
        using var timeout = new CancellationTokenSource(Timeout);
        await Socket.SendAsync(bytes, framing, endOfMessage: true, timeout.Token);
    }

    public override async Task<JsonObject?> Receive(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        var buffer = new ArrayBufferWriter<byte>();
        WebSocketMessageType type;
        try
        {
            while (true)
            {
                var result = await Socket.ReceiveAsync(buffer.GetMemory(8192), cts.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }
                buffer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    type = result.MessageType;
                    break;
                }
            }
        }
        catch (WebSocketException)
        {
            SawAbort = true;
            return null;
        }
        // Until the client's first message fixes the framing, the server answers in protobuf whatever the client speaks.
        var json = buffer.WrittenSpan;
        if (type == WebSocketMessageType.Binary)
        {
            var frame = PipecatFrameCodec.Decode(json);
            json = json.Slice(frame.PayloadOffset, frame.PayloadLength);
        }
        return JsonNode.Parse(json)!.AsObject();
    }

    public override async Task CloseOutput()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
    }

    public override ValueTask DisposeAsync()
    {
        Socket.Abort();
        Socket.Dispose();
        return default;
    }
}

/// <summary>NDJSON over pipes; the server side runs <see cref="RtviServer.RunSessionAsync"/> over an <see cref="RtviStreamConnection"/>.</summary>
internal sealed class NdjsonWireClient : WireClient
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new(new PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024));

    public NdjsonWireClient(RtviServer server)
    {
        var connection = new RtviStreamConnection(_toServer.Reader.AsStream(), _toClient.Writer.AsStream());
        Session = Task.Run(async () =>
        {
            await using (connection)
            {
                await server.RunSessionAsync(connection);
            }
        });
    }

    /// <summary>The server's session; it completes when the session has ended and the connection is disposed.</summary>
    public Task Session { get; }

    public override async Task SendBytes(byte[] envelope)
    {
        await _toServer.Writer.WriteAsync(envelope);
        await _toServer.Writer.WriteAsync("\n"u8.ToArray());
    }

    public override async Task<JsonObject?> Receive(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        while (true)
        {
            var read = await _toClient.Reader.ReadAsync(cts.Token);
            var buffer = read.Buffer;
            if (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = buffer.Slice(0, end).ToArray();
                _toClient.Reader.AdvanceTo(buffer.GetPosition(1, end));
                return JsonNode.Parse(line)!.AsObject();
            }
            if (read.IsCompleted)
            {
                _toClient.Reader.AdvanceTo(buffer.End);
                return null;
            }
            _toClient.Reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public override Task CloseOutput() => _toServer.Writer.CompleteAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await _toClient.Reader.CompleteAsync();
        await Session.WaitAsync(Timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
