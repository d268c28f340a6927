using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Rtvi.Tests.Pipecat;
using Rtvi.Tests.Reliability;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Audio;

/// <summary>One thing the server sent: an RTVI message or a frame of bot audio, with when it arrived.</summary>
internal sealed record Received(TimeSpan At, JsonObject? Message, byte[]? Audio)
{
    public string Type => Message is null ? "audio" : (string)Message["type"]!;

    public override string ToString() => Message?.ToJsonString() ?? $"audio {Audio!.Length} bytes at {At.TotalMilliseconds:F0} ms";
}

/// <summary>
/// A client of the protobuf WebSocket framing, as <c>@pipecat-ai/websocket-transport</c> speaks it, that reads bot audio
/// as well as messages (decoded with Google.Protobuf, independent of the codec under test) and timestamps each.
/// </summary>
internal sealed class AudioClient : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private AudioClient(ClientWebSocket socket) => _socket = socket;

    public static async Task<AudioClient> ConnectAsync(ReliabilityServer server)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(s_timeout);
        await socket.ConnectAsync(server.WebSocketUri!, timeout.Token);
        return new AudioClient(socket);
    }

    public async Task Send(string json)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        await _socket.SendAsync(new Frame { Message = new MessageFrame { Data = json } }.ToByteArray(), WebSocketMessageType.Binary, true, timeout.Token);
    }

    /// <summary>Sends <c>client-ready</c> of the given protocol version (none: a 0.3 client) and reads <c>bot-ready</c>.</summary>
    public async Task Handshake(string? version)
    {
        await Send(Msg("client-ready", "ready-1", version is null ? "{}" : $"{{'version':'{version}','about':{{'library':'test'}}}}"));
        var ready = await Next();
        Assert.Equal("bot-ready", ready.Type);
    }

    public async Task<Received> Next(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? s_timeout);
        using var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cts.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                break;
            }
        }
        var at = _clock.Elapsed;
        var frame = Frame.Parser.ParseFrom(message.ToArray());
        return frame.FrameCase switch
        {
            Frame.FrameOneofCase.Audio => new Received(at, null, frame.Audio.Audio.ToByteArray()),
            Frame.FrameOneofCase.Message => new Received(at, JsonNode.Parse(frame.Message.Data)!.AsObject(), null),
            _ => throw new Xunit.Sdk.XunitException("Unexpected frame " + frame.FrameCase),
        };
    }

    /// <summary>Reads until a message of <paramref name="type"/> arrives; returns everything read, that message last.</summary>
    public async Task<List<Received>> ReadUntil(string type)
    {
        var all = new List<Received>();
        while (true)
        {
            var next = await Next();
            all.Add(next);
            if (next.Type == type)
            {
                return all;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        await Task.CompletedTask;
    }
}

/// <summary>A server, its audio client after the handshake, and the server's session of that client.</summary>
internal sealed record AudioSession(ReliabilityServer Server, AudioClient Client, RtviSession Session) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
