using System.Text;
using Microsoft.Extensions.Logging;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Reliability;

/// <summary>Text that is not text (lone surrogate escapes, invalid UTF-8) gets a clear error and the session goes on; client text never forges a log line.</summary>
public sealed class HostileTextTests
{
    private const string LoneSurrogate = "\\ud800";

    public static TheoryData<Wire, string, string> EnvelopeCases()
    {
        var data = new TheoryData<Wire, string, string>();
        foreach (var wire in new[] { Wire.WebSocketBinary, Wire.WebSocketText, Wire.Ndjson })
        {
            data.Add(wire, "{\"label\":\"rtvi-ai\",\"type\":\"" + LoneSurrogate + "\",\"id\":\"1\"}", "'type' must be a string");
            data.Add(wire, "{\"label\":\"rtvi-ai\",\"type\":\"get-config\",\"id\":\"" + LoneSurrogate + "\"}", "'id' must be a string");
            data.Add(wire, "{\"label\":\"rtvi-ai\",\"type\":\"get-config\",\"id\":\"x" + LoneSurrogate + "y\\udc00\"}", "'id' must be a string");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EnvelopeCases))]
    public async Task A_lone_surrogate_in_the_type_or_id_gets_an_error_event_and_the_session_goes_on(Wire wire, string envelope, string problem)
    {
        await using var server = await ReliabilityServer.StartAsync(wire);
        await using var client = await server.Connect();
        await client.Handshake();
        await client.Send(envelope);
        var error = await client.ExpectType("error");
        Assert.Equal("Invalid RTVI transport message: " + problem, (string?)error["data"]!["error"]);
        Assert.Equal(false, (bool?)error["data"]!["fatal"]);
        await client.ExpectAlive("p1");
    }

    public static TheoryData<Wire, string> DataCases()
    {
        var data = new TheoryData<Wire, string>();
        foreach (var wire in new[] { Wire.WebSocketBinary, Wire.WebSocketText, Wire.Ndjson })
        {
            data.Add(wire, "{\"label\":\"rtvi-ai\",\"type\":\"send-text\",\"id\":\"r1\",\"data\":{\"content\":\"hi " + LoneSurrogate + "\"}}");
            data.Add(wire, "{\"label\":\"rtvi-ai\",\"type\":\"action\",\"id\":\"r1\",\"data\":{\"service\":\"test\",\"action\":\"echo\",\"arguments\":[{\"name\":\"a\",\"value\":[\"" + LoneSurrogate + "\"]}]}}");
            data.Add(wire, "{\"label\":\"rtvi-ai\",\"type\":\"client-message\",\"id\":\"r1\",\"data\":{\"t\":\"test.echo\",\"d\":{\"" + LoneSurrogate + "\":1}}}");
            data.Add(wire, "{\"label\":\"rtvi-ai\",\"type\":\"update-config\",\"id\":\"r1\",\"data\":{\"config\":[{\"service\":\"\\udfff\",\"options\":[]}]}}");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DataCases))]
    public async Task A_lone_surrogate_in_data_gets_invalid_message_and_the_session_goes_on(Wire wire, string envelope)
    {
        await using var server = await ReliabilityServer.StartAsync(wire);
        await using var client = await server.Connect();
        await client.Send(Msg("client-ready", "c1", "{'version':'2.1.0'}"));
        await client.ExpectType("bot-ready", "c1");
        await client.Send(envelope);
        var reply = await client.ExpectType("error-response", "r1");
        Assert.Equal("Invalid message: 'data' holds a string that is not valid text", (string?)reply["data"]!["error"]);
        await client.ExpectAlive("p1");
        Assert.DoesNotContain(server.Log.Entries, e => e.Level >= LogLevel.Error);
    }

    public static TheoryData<byte[], string> InvalidUtf8Cases() => new()
    {
        { Utf8("{\"label\":\"rtvi-ai\",\"type\":\"send-text\",\"id\":\"r1\",\"data\":{\"content\":\"", [0xC3, 0x28], "\"}}"), "error-response" },
        { Utf8("{\"label\":\"rtvi-ai\",\"type\":\"send-text\",\"id\":\"r1\",\"data\":{\"content\":\"", [0xFF, 0xFE, 0xED], "\"}}"), "error-response" },
        { Utf8("{\"label\":\"rtvi-ai\",\"type\":\"get", [0xED, 0xA0, 0x80], "\",\"id\":\"r1\"}"), "error" },
        { Utf8("{\"label\":\"rtvi-ai\",\"type\":\"get-config\",\"id\":\"r", [0x80], "\"}"), "error" },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8Cases))]
    public async Task Invalid_UTF8_in_an_NDJSON_line_gets_an_error_and_the_session_goes_on(byte[] envelope, string answer)
    {
        await using var server = await ReliabilityServer.StartAsync(Wire.Ndjson);
        await using var client = await server.Connect();
        await client.Send(Msg("client-ready", "c1", "{'version':'2.1.0'}"));
        await client.ExpectType("bot-ready", "c1");
        await client.SendBytes(envelope);
        var reply = await client.ExpectType(answer);
        Assert.StartsWith("Invalid", (string?)reply["data"]!["error"], StringComparison.Ordinal);
        await client.ExpectAlive("p1");
    }

    public static TheoryData<byte[]> InvalidUtf8Envelopes()
    {
        var data = new TheoryData<byte[]>();
        foreach (var row in InvalidUtf8Cases())
        {
            data.Add((byte[])row[0]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidUtf8Envelopes))]
    public async Task Invalid_UTF8_in_a_protobuf_message_frame_is_dropped_and_the_session_goes_on(byte[] envelope)
    {
        // A proto3 string field must be UTF-8: such a frame is not a pipecat.Frame at all, so there is no request to answer.
        await using var server = await ReliabilityServer.StartAsync(Wire.WebSocketBinary);
        await using var client = await server.Connect();
        await client.Handshake();
        await client.SendBytes(envelope);
        await client.ExpectAlive("p1");
        Assert.Contains(server.Log.Messages(LogLevel.Warning), m => m.Contains("undecodable frame", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(InvalidUtf8Envelopes))]
    public async Task Invalid_UTF8_in_a_text_WebSocket_message_fails_the_connection_and_releases_the_session(byte[] envelope)
    {
        // RFC 6455 §8.1: an endpoint receiving a text message that is not UTF-8 must fail the connection; ASP.NET Core's
        // WebSocket does so before the session sees the message (close 1007, then abort).
        await using var server = await ReliabilityServer.StartAsync(Wire.WebSocketText);
        await using var client = await server.Connect();
        await client.Handshake();
        await client.SendBytes(envelope);
        Assert.Empty(await client.ReadToEnd());
        await server.NextEnded();
        await Wires.Until(() => server.Server.ActiveSessions == 0, "no session is left");
    }

    [Theory]
    [InlineData(Wire.WebSocketText)]
    [InlineData(Wire.Ndjson)]
    public async Task Client_text_with_newlines_never_forges_a_log_line(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire);
        await using var client = await server.Connect();
        await client.Handshake();
        await client.Send(Msg("update-config", "u1", "{'config':[{'service':'x\\nFORGED ERROR line\\r\\n','options':[]}]}"));
        await client.ExpectType("error-response", "u1");
        await client.Send(Msg("action", "a1", "{'service':'test','action':'echo','arguments':[{'name':'a','value':1},{'name':'b','value':'\\u0085\\u2028'}],'x\\n':1}"));
        await client.ExpectType("action-response", "a1");
        var rtvi = server.Log.Entries.Where(e => e.Category.StartsWith("Rtvi", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        Assert.Contains(rtvi, m => m.Contains("x\\u000aFORGED", StringComparison.Ordinal));
        Assert.All(rtvi, m => Assert.DoesNotContain('\n', m));
        Assert.All(rtvi, m => Assert.DoesNotContain('\r', m));
    }

    [Fact]
    public void A_long_echoed_name_is_cut_without_splitting_a_surrogate_pair()
    {
        var name = new string('a', 63) + "😀" + new string('b', 10);
        var echoed = Rtvi.Protocol.RtviErrorText.Echo(name);
        Assert.Equal(new string('a', 63) + "…", echoed);
        // A strict encoder throws on a lone surrogate: the echoed text must still be writable as UTF-8.
        Assert.Equal(64, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(echoed)).Length);
    }

    private static byte[] Utf8(string before, byte[] raw, string after) => [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];
}
