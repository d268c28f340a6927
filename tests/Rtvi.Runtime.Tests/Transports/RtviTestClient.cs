using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Rtvi.Tests.Pipecat;

namespace Rtvi.Tests.Transports;

/// <summary>
/// A WebSocket client speaking one framing: binary (protobuf <c>pipecat.Frame</c>, encoded and decoded with
/// Google.Protobuf, independent of the codec under test) or text (one JSON envelope per message).
/// </summary>
internal sealed class RtviTestClient : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private RtviTestClient(ClientWebSocket socket, WebSocketMessageType framing)
    {
        Socket = socket;
        Framing = framing;
    }

    public ClientWebSocket Socket { get; }

    /// <summary>What this client sends and expects back: <see cref="WebSocketMessageType.Binary"/> or <see cref="WebSocketMessageType.Text"/>.</summary>
    public WebSocketMessageType Framing { get; }

    public static async Task<RtviTestClient> ConnectAsync(Uri uri, WebSocketMessageType framing = WebSocketMessageType.Binary, string? origin = null)
    {
        var socket = new ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        using var timeout = new CancellationTokenSource(s_timeout);
        await socket.ConnectAsync(uri, timeout.Token);
        return new RtviTestClient(socket, framing);
    }

    /// <summary>Sends one envelope in this client's framing.</summary>
    public Task Send(string json) => Framing == WebSocketMessageType.Text ? SendText(json) : SendBinary(MessageFrame(json));

    public Task SendText(string json) => SendRaw(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text);

    public Task SendBinary(byte[] bytes) => SendRaw(bytes, WebSocketMessageType.Binary);

    public async Task SendRaw(byte[] bytes, WebSocketMessageType type, bool endOfMessage = true)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        await Socket.SendAsync(bytes, type, endOfMessage, timeout.Token);
    }

    public static byte[] MessageFrame(string json) => new Frame { Message = new MessageFrame { Data = json } }.ToByteArray();

    public static byte[] AudioFrame(byte[] pcm, uint sampleRate, uint numChannels) =>
        new Frame { Audio = new AudioRawFrame { Name = "audio", Audio = ByteString.CopyFrom(pcm), SampleRate = sampleRate, NumChannels = numChannels } }.ToByteArray();

    /// <summary>The next whole message (type and bytes); a close message comes back as type Close.</summary>
    public async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveRaw()
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (WebSocketMessageType.Close, []);
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    /// <summary>The next envelope; fails unless it came in this client's framing (and, when binary, as <c>Frame.message</c>).</summary>
    public async Task<JsonObject> Receive()
    {
        var (type, data) = await ReceiveRaw();
        Assert.Equal(Framing, type);
        string json;
        if (type == WebSocketMessageType.Binary)
        {
            var frame = Frame.Parser.ParseFrom(data);
            Assert.Equal(Frame.FrameOneofCase.Message, frame.FrameCase);
            json = frame.Message.Data;
        }
        else
        {
            json = Encoding.UTF8.GetString(data);
        }
        return JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>The next envelope must equal <paramref name="expected"/> (single quotes allowed; key order ignored).</summary>
    public async Task<JsonObject> Expect(string expected)
    {
        var actual = await Receive();
        var want = JsonNode.Parse(Transcript.Quote(expected));
        Assert.True(JsonNode.DeepEquals(want, actual), $"Expected {want!.ToJsonString()}\n     got {actual.ToJsonString()}");
        return actual;
    }

    public async Task<JsonObject> Handshake()
    {
        await Send(Transcript.Msg("client-ready", "ready-1", "{}"));
        var ready = await Receive();
        Assert.Equal("bot-ready", (string?)ready["type"]);
        Assert.Equal("ready-1", (string?)ready["id"]);
        return ready;
    }

    /// <summary>Proves nothing else was sent since the last expectation: an echo action is answered next.</summary>
    public async Task ExpectEchoAnswered(string id)
    {
        await Send(Transcript.Msg("action", id, "{'service':'test','action':'echo','arguments':[{'name':'n','value':1}]}"));
        await Expect($"{{'label':'rtvi-ai','type':'action-response','id':'{id}','data':{{'result':{{'n':1}}}}}}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(s_timeout);
            try
            {
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (WebSocketException)
            {
                // The server already went away; the socket is disposed below either way.
            }
        }
        Socket.Dispose();
    }
}
