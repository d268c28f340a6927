using System.Net;
using System.Net.WebSockets;
using Google.Protobuf;
using Rtvi.Tests.Pipecat;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Transports;

/// <summary>Shares one Kestrel host between the tests of a class.</summary>
public sealed class RtviHostFixture : IAsyncLifetime
{
    internal RtviTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await RtviTestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// Transcripts over a real Kestrel server and <see cref="ClientWebSocket"/>, in both framings: binary (protobuf
/// <c>pipecat.Frame</c>, as <c>@pipecat-ai/websocket-transport</c> speaks) and text (one JSON envelope per message).
/// </summary>
public sealed class WebSocketTransportTests(RtviHostFixture fixture) : IClassFixture<RtviHostFixture>
{
    private const WebSocketMessageType Binary = WebSocketMessageType.Binary;
    private const WebSocketMessageType Text = WebSocketMessageType.Text;

    private RtviTestHost Host => fixture.Host;

    private Task<RtviTestClient> Connect(WebSocketMessageType framing) => RtviTestClient.ConnectAsync(Host.WebSocketUri, framing);

    [Theory]
    [InlineData(Binary)]
    [InlineData(Text)]
    public async Task Client_ready_is_answered_with_bot_ready_in_the_clients_framing(WebSocketMessageType framing)
    {
        await using var client = await Connect(framing);
        await client.Send(Msg("client-ready", "r1", "{}"));
        var ready = await client.Receive();
        Assert.Equal("bot-ready", (string?)ready["type"]);
        Assert.Equal("r1", (string?)ready["id"]);
        Assert.Equal("0.3.0", (string?)ready["data"]!["version"]);
    }

    [Theory]
    [InlineData(Binary)]
    [InlineData(Text)]
    public async Task Action_is_answered_with_its_result(WebSocketMessageType framing)
    {
        await using var client = await Connect(framing);
        await client.Handshake();
        await client.Send(Msg("action", "a1", "{'service':'test','action':'echo','arguments':[{'name':'text','value':'héllo'},{'name':'n','value':[1,2]}]}"));
        await client.Expect("{'label':'rtvi-ai','type':'action-response','id':'a1','data':{'result':{'text':'héllo','n':[1,2]}}}");
    }

    [Theory]
    [InlineData(Binary)]
    [InlineData(Text)]
    public async Task Client_message_is_answered_with_a_server_response(WebSocketMessageType framing)
    {
        await using var client = await Connect(framing);
        await client.Send(Msg("client-ready", "r1", "{'version':'2.1.0'}"));
        await client.Receive();
        await client.Send(Msg("client-message", "m1", "{'t':'test.echo','d':{'x':[1,'two']}}"));
        await client.Expect("{'label':'rtvi-ai','type':'server-response','id':'m1','data':{'t':'test.echo','d':{'x':[1,'two']}}}");
    }

    public static TheoryData<string, byte[]> UndecodableFrames => new()
    {
        { "not protobuf", [0xFF, 0xFF, 0xFF] },
        { "truncated length", [0x22, 0x7F, 0x0A] },
        { "text frame", new Frame { Text = new TextFrame { Text = "hello" } }.ToByteArray() },
        { "interruption frame", new Frame { Interruption = new InterruptionFrame() }.ToByteArray() },
        { "empty frame", [] },
    };

    [Theory]
    [MemberData(nameof(UndecodableFrames))]
    public async Task Undecodable_binary_message_is_dropped_and_the_session_goes_on(string why, byte[] frame)
    {
        await using var client = await Connect(Binary);
        await client.Handshake();
        await client.SendBinary(frame);
        await client.ExpectEchoAnswered("after-" + why.Replace(' ', '-'));
    }

    [Theory]
    [InlineData(Binary)]
    [InlineData(Text)]
    public async Task Oversized_message_is_reported_without_its_content_and_the_session_goes_on(WebSocketMessageType framing)
    {
        await using var client = await Connect(framing);
        await client.Handshake();
        await client.Send(Msg("action", "big", $"{{'service':'test','action':'echo','arguments':[{{'name':'x','value':'{new string('x', 5000)}'}}]}}"));
        var error = await client.Expect("{'label':'rtvi-ai','type':'error','data':{'error':'Invalid RTVI transport message: message too large','fatal':false}}");
        Assert.DoesNotContain("xxx", error.ToJsonString(), StringComparison.Ordinal);
        await client.ExpectEchoAnswered("after-big");
    }

    [Theory]
    [InlineData(Binary)]
    [InlineData(Text)]
    public async Task Oversized_message_in_fragments_is_discarded_to_its_end(WebSocketMessageType framing)
    {
        await using var client = await Connect(framing);
        await client.Handshake();
        var chunk = new byte[RtviTestHost.MaxMessageBytes - 100];
        chunk.AsSpan().Fill((byte)'x');
        for (var i = 0; i < 3; i++)
        {
            await client.SendRaw(chunk, framing, endOfMessage: i == 2);
        }
        await client.Expect("{'label':'rtvi-ai','type':'error','data':{'error':'Invalid RTVI transport message: message too large','fatal':false}}");
        await client.ExpectEchoAnswered("after-fragments");
    }

    [Fact]
    public async Task Message_of_exactly_the_limit_is_accepted()
    {
        await using var client = await Connect(Text);
        await client.Handshake();
        var template = Msg("action", "fit", "{'service':'test','action':'echo','arguments':[{'name':'x','value':''}]}");
        var padded = template.Replace("\"value\":\"\"", $"\"value\":\"{new string('x', RtviTestHost.MaxMessageBytes - template.Length)}\"", StringComparison.Ordinal);
        Assert.Equal(RtviTestHost.MaxMessageBytes, padded.Length);
        await client.SendText(padded);
        var response = await client.Receive();
        Assert.Equal("action-response", (string?)response["type"]);
    }

    [Fact]
    public async Task Audio_frames_travel_both_ways_over_protobuf()
    {
        await using var client = await Connect(Binary);
        await client.Handshake();
        var pcm = Enumerable.Range(0, 640).Select(i => (byte)i).ToArray();
        await client.SendBinary(RtviTestClient.AudioFrame(pcm, 16000, 1));

        // The host's audio hook sends the microphone frame back as bot audio, which starts the bot speaking.
        await client.Expect("{'label':'rtvi-ai','type':'bot-started-speaking'}");
        var (type, data) = await client.ReceiveRaw();
        Assert.Equal(Binary, type);
        var frame = Frame.Parser.ParseFrom(data);
        Assert.Equal(Frame.FrameOneofCase.Audio, frame.FrameCase);
        Assert.Equal("audio", frame.Audio.Name);
        Assert.Equal(pcm, frame.Audio.Audio.ToByteArray());
        Assert.Equal((16000u, 1u), (frame.Audio.SampleRate, frame.Audio.NumChannels));
        await client.Expect("{'label':'rtvi-ai','type':'bot-stopped-speaking'}");
        await client.ExpectEchoAnswered("after-audio");
    }

    [Fact]
    public async Task Text_framing_has_no_bot_audio_but_still_reads_binary_messages()
    {
        await using var client = await Connect(Text);
        await client.Handshake();

        // A binary audio frame is still delivered to the hook, but its echo cannot travel in text framing.
        await client.SendBinary(RtviTestClient.AudioFrame([1, 2, 3, 4], 16000, 1));
        // A binary message frame is understood; the answer keeps the text framing chosen by the first message.
        await client.SendBinary(RtviTestClient.MessageFrame(Msg("action", "bin", "{'service':'test','action':'echo','arguments':[]}")));
        await client.Expect("{'label':'rtvi-ai','type':'action-response','id':'bin','data':{'result':{}}}");
    }

    [Fact]
    public async Task Protobuf_framing_still_reads_text_messages_and_answers_in_protobuf()
    {
        await using var client = await Connect(Binary);
        await client.Handshake();
        await client.SendText(Msg("action", "txt", "{'service':'test','action':'echo','arguments':[]}"));
        await client.Expect("{'label':'rtvi-ai','type':'action-response','id':'txt','data':{'result':{}}}");
    }

    [Fact]
    public async Task Invalid_json_inside_a_valid_frame_gets_the_error_event()
    {
        await using var client = await Connect(Binary);
        await client.Handshake();
        await client.SendBinary(RtviTestClient.MessageFrame("{not json"));
        var error = await client.Receive();
        Assert.Equal("error", (string?)error["type"]);
        Assert.StartsWith("Invalid RTVI transport message: ", (string?)error["data"]!["error"], StringComparison.Ordinal);
        await client.ExpectEchoAnswered("after-json");
    }

    [Fact]
    public async Task Disallowed_origin_is_refused_with_403()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", "https://evil.example");
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(Host.WebSocketUri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Allowed_origin_connects()
    {
        await using var client = await RtviTestClient.ConnectAsync(Host.WebSocketUri, Binary, origin: RtviTestHost.AllowedOrigin.ToUpperInvariant());
        await client.Handshake();
    }

    [Fact]
    public async Task Request_the_authorize_hook_refuses_gets_401()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new Uri(Host.WebSocketUri, "?token=" + RtviTestHost.RejectedToken);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Plain_http_get_gets_400()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(Host.HttpUri, "/ws"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task No_subprotocol_is_chosen()
    {
        await using var client = await Connect(Binary);
        Assert.Null(client.Socket.SubProtocol);
    }
}

/// <summary>Tests that need a host of their own (server hooks, session ends).</summary>
public sealed class WebSocketLifecycleTests
{
    [Fact]
    public async Task Before_the_client_speaks_the_server_answers_in_protobuf()
    {
        await using var host = await RtviTestHost.StartAsync(options =>
            options.Hooks.OnSessionStarted = static (session, ct) => session.Events.ServerMessageAsync(RtviResult.FromString("welcome"), ct));
        await using var client = await RtviTestClient.ConnectAsync(host.WebSocketUri, WebSocketMessageType.Binary);
        await client.Expect("{'label':'rtvi-ai','type':'server-message','data':'welcome'}");
    }

    [Fact]
    public async Task Disconnect_bot_closes_the_socket_with_a_normal_close_handshake()
    {
        await using var host = await RtviTestHost.StartAsync();
        await using var client = await RtviTestClient.ConnectAsync(host.WebSocketUri, WebSocketMessageType.Binary);
        await client.Handshake();
        await client.Send(Msg("disconnect-bot", "d1", "{}"));
        var (type, _) = await client.ReceiveRaw();
        Assert.Equal(WebSocketMessageType.Close, type);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.Socket.CloseStatus);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        Assert.Equal(WebSocketState.Closed, client.Socket.State);
        await host.EndedSessions.Reader.ReadAsync(timeout.Token);
    }

    [Fact]
    public async Task Client_close_ends_the_session_and_the_server_completes_the_handshake()
    {
        await using var host = await RtviTestHost.StartAsync();
        var client = await RtviTestClient.ConnectAsync(host.WebSocketUri, WebSocketMessageType.Text);
        await client.Handshake();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        Assert.Equal(WebSocketState.Closed, client.Socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.Socket.CloseStatus);
        await host.EndedSessions.Reader.ReadAsync(timeout.Token);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Client_that_vanishes_without_a_close_ends_the_session()
    {
        await using var host = await RtviTestHost.StartAsync();
        var client = await RtviTestClient.ConnectAsync(host.WebSocketUri, WebSocketMessageType.Binary);
        await client.Handshake();
        client.Socket.Abort();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.EndedSessions.Reader.ReadAsync(timeout.Token);
        await client.DisposeAsync();
    }
}
