using System.Text;
using CsCheck;

namespace Rtvi.Tests.Fuzz;

/// <summary>
/// Generators of hostile client traffic: every message type with valid, mutated and random payloads; lone surrogates,
/// invalid UTF-8, deep nesting, huge strings and arrays, numbers at the edges, duplicate keys, wrong member types.
/// </summary>
internal static class FuzzGen
{
    /// <summary>Types a client may send, types it should not, and nonsense.</summary>
    private static readonly string[] s_types =
    [
        "client-ready", "describe-config", "describe-actions", "get-config", "update-config", "action", "llm-function-call-result",
        "raw-audio", "raw-audio-batch", "client-message", "send-text", "append-to-context", "dtmf", "ui-event", "ui-snapshot",
        "ui-cancel-job-group", "bot-ready", "error", "", "ACTION", "x-unknown", FuzzMessage.LoneSurrogateType,
    ];

    /// <summary>Scalars at the edges: numbers JSON allows but .NET types do not hold, empty and control-laden strings.</summary>
    private static readonly string[] s_scalars =
    [
        "null", "true", "false", "0", "-0", "1", "-1", "1.5", "1e308", "-1e308", "1e-400", "1E+999", "123456789012345678901234567890",
        "-9223372036854775809", "18446744073709551616", "2147483648", "\"\"", "\"x\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"",
        "\"a\\nb\\r\\u2028\"", "\"😀\"", "\"tts\"", "\"llm\"", "\"voice\"", "\"test\"", "\"echo\"", "\"say\"", "\"fail\"",
        "\"test.echo\"", "\"test.fail\"", "\"test:echo\"", "\"1\"", "\"#\"", "\"A\"", "\"2.1.0\"", "\"1.0.0\"", "\"0.3.0\"", "\"9.9.9\"",
    ];

    private static readonly string[] s_keys =
    [
        "service", "action", "arguments", "name", "value", "config", "options", "interrupt", "t", "d", "content", "run_immediately",
        "audio_response", "role", "buttons", "event", "payload", "tree", "root", "ref", "children", "captured_at", "job_id", "reason",
        "base64Audio", "base64AudioBatch", "sampleRate", "numChannels", "function_name", "tool_call_id", "result", "version", "about",
        "text", "ms", "\\ud800", "",
    ];

    private static readonly Gen<string> s_scalar = Gen.OneOf(s_scalars);

    private static readonly Gen<string> s_string = Gen.String[Gen.Char.AlphaNumeric, 0, 12].Select(Json);

    /// <summary>Rare, costly values: a 200 KB string, a 20,000-element array, nesting just under and over the limit of 64.</summary>
    private static readonly Gen<string> s_huge = Gen.OneOf(
        Gen.Const("\"" + new string('x', 200_000) + "\""),
        Gen.Const("[" + string.Join(",", Enumerable.Repeat("0", 20_000)) + "]"),
        Gen.Int[40, 70].Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.Int[40, 70].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)));

    private static Gen<string> Value(int depth) => depth == 0
        ? Gen.Frequency((4, s_scalar), (2, s_string))
        : Gen.Frequency(
            (4, s_scalar),
            (2, s_string),
            (2, Value(depth - 1).Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (3, Object(depth - 1)),
            (1, s_huge));

    /// <summary>Objects of known keys (duplicates allowed) with random values.</summary>
    private static Gen<string> Object(int depth) =>
        Gen.Select(Gen.OneOf(s_keys), Value(depth)).Array[0, 5]
            .Select(members => "{" + string.Join(",", members.Select(m => "\"" + m.Item1 + "\":" + m.Item2)) + "}");

    /// <summary>Valid payloads per type, as templates for mutation.</summary>
    private static readonly string[] s_valid =
    [
        "{}",
        "{\"version\":\"2.1.0\",\"about\":{\"library\":\"fuzz\"}}",
        "{\"config\":[{\"service\":\"tts\",\"options\":[{\"name\":\"voice\",\"value\":\"v-9\"}]}],\"interrupt\":true}",
        "{\"service\":\"test\",\"action\":\"echo\",\"arguments\":[{\"name\":\"a\",\"value\":1},{\"name\":\"a\",\"value\":2}]}",
        "{\"service\":\"tts\",\"action\":\"say\",\"arguments\":[{\"name\":\"text\",\"value\":\"hi\"}]}",
        "{\"service\":\"test\",\"action\":\"fail\"}",
        "{\"t\":\"test.echo\",\"d\":{\"x\":[1,\"two\"]}}",
        "{\"t\":\"test.fail\"}",
        "{\"t\":\"test:echo\",\"d\":{\"a\":1}}",
        "{\"content\":\"hello\",\"options\":{\"run_immediately\":false}}",
        "{\"role\":\"user\",\"content\":\"hi\",\"run_immediately\":true}",
        "{\"buttons\":[\"1\",\"#\"]}",
        "{\"event\":\"click\",\"payload\":{\"v\":1}}",
        "{\"tree\":{\"root\":{\"ref\":\"e1\",\"role\":\"main\",\"children\":[{\"ref\":\"e2\",\"role\":\"button\"}]},\"captured_at\":1}}",
        "{\"job_id\":\"j1\",\"reason\":\"r\"}",
        "{\"base64Audio\":\"AAAA\",\"sampleRate\":16000,\"numChannels\":1}",
        "{\"base64AudioBatch\":[\"AAAA\",\"AQI=\"],\"sampleRate\":8000,\"numChannels\":2}",
        "{\"function_name\":\"f\",\"tool_call_id\":\"t1\",\"arguments\":{},\"result\":\"x\"}",
    ];

    private static readonly Gen<string?> s_data = Gen.Frequency(
        (5, Gen.OneOf(s_valid).Select(d => (string?)d)),
        (4, Object(3).Select(d => (string?)d)),
        (1, Value(2).Select(d => (string?)d)),
        (1, Gen.Const((string?)null)));

    private static readonly Gen<FuzzMessage> s_message = Gen.Select(
        Gen.OneOf(s_types),
        Gen.Frequency((20, Gen.Const(FuzzId.Unique)), (1, Gen.OneOf(FuzzId.Missing, FuzzId.NotAString, FuzzId.LoneSurrogate, FuzzId.Empty, FuzzId.Duplicate))),
        s_data,
        Gen.Frequency((12, Gen.Const(FuzzMutation.None)), (1, Gen.OneOf(FuzzMutation.Truncate, FuzzMutation.InvalidByte, FuzzMutation.FlipByte, FuzzMutation.DuplicateType, FuzzMutation.BadLabel))),
        Gen.Int[0, 1 << 20])
        .Select((type, id, data, mutation, position) => new FuzzMessage(type, id, data, mutation, position));

    /// <summary>A case: the protocol mode and the messages sent after the handshake.</summary>
    public static Gen<(RtviProtocolMode Mode, FuzzMessage[] Messages)> Case(int maxMessages) =>
        Gen.Select(Gen.OneOf(RtviProtocolMode.Auto, RtviProtocolMode.V0_3, RtviProtocolMode.V2), s_message.Array[1, maxMessages]);

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text, FuzzJson.Default.String);

    public static string Describe((RtviProtocolMode Mode, FuzzMessage[] Messages) fuzzCase) =>
        fuzzCase.Mode + ": " + string.Join(" | ", fuzzCase.Messages.Select((m, i) => Encoding.UTF8.GetString(m.Render(i + 1)) is var t && t.Length > 300 ? t[..300] + "…" : Encoding.UTF8.GetString(m.Render(i + 1))));
}
