using System.Text;

namespace Rtvi.FaultTest;

/// <summary>The JSON envelopes the hostile clients send (protocol 0.3, JSON text framing); wire strings live here only.</summary>
internal static class RtviMessages
{
    public const string BotReady = "bot-ready";
    public const string Error = "error";

    public static readonly byte[] ClientReady = Encoding.UTF8.GetBytes("""{"label":"rtvi-ai","type":"client-ready","id":"c1","data":{}}""");

    public static byte[] GetConfig(string id) =>
        Encoding.UTF8.GetBytes($$$"""{"label":"rtvi-ai","type":"get-config","id":"{{{id}}}","data":{}}""");

    /// <summary>An update-config setting <c>llm.model</c> to a string of <paramref name="valueBytes"/> 'x' characters.</summary>
    public static byte[] UpdateConfigWithLargeModel(string id, int valueBytes) =>
        Encoding.UTF8.GetBytes(
            $$$"""{"label":"rtvi-ai","type":"update-config","id":"{{{id}}}","data":{"config":[{"service":"llm","options":[{"name":"model","value":"{{{new string('x', valueBytes)}}}"}]}]}}""");

    /// <summary>
    /// A <c>test:echo</c> action whose argument is <paramref name="valueBytes"/> 'x' characters, with a two-digit id slot
    /// (<c>a00</c>) that <see cref="SetEchoActionId"/> rewrites in place, so a flood reuses one buffer.
    /// </summary>
    public static byte[] EchoAction(int valueBytes) =>
        Encoding.UTF8.GetBytes(
            $$$"""{{{EchoActionPrefix}}}00","data":{"service":"test","action":"echo","arguments":[{"name":"x","value":"{{{new string('x', valueBytes)}}}"}]}}""");

    /// <summary>Writes <c>a</c> + the last two digits of <paramref name="index"/> into the id slot of an <see cref="EchoAction"/> message.</summary>
    public static void SetEchoActionId(byte[] message, int index)
    {
        message[EchoActionPrefix.Length] = (byte)('0' + index / 10 % 10);
        message[EchoActionPrefix.Length + 1] = (byte)('0' + index % 10);
    }

    private const string EchoActionPrefix = """{"label":"rtvi-ai","type":"action","id":"a""";
}
