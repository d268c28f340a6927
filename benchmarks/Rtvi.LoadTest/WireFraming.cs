using System.Net.WebSockets;
using System.Text;

namespace Rtvi.LoadTest;

/// <summary>
/// The two ways a client frames an RTVI message: JSON text, or a binary <c>pipecat.Frame</c> whose <c>message</c>
/// (field 4) holds a <c>MessageFrame</c> whose <c>data</c> (field 1) is the JSON, as the official WebSocket client sends.
/// Encoded by hand here, independently of the runtime's codec.
/// </summary>
internal static class WireFraming
{
    public static (byte[] Bytes, WebSocketMessageType Type) Encode(string json, bool protobuf)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        if (!protobuf)
        {
            return (utf8, WebSocketMessageType.Text);
        }
        var inner = new List<byte> { 0x0A };
        WriteVarint(inner, utf8.Length);
        inner.AddRange(utf8);
        var frame = new List<byte> { 0x22 };
        WriteVarint(frame, inner.Count);
        frame.AddRange(inner);
        return ([.. frame], WebSocketMessageType.Binary);
    }

    /// <summary>The JSON inside a received message (a binary frame is unwrapped; anything else is returned as is).</summary>
    public static ReadOnlySpan<byte> Json(ReadOnlySpan<byte> message, WebSocketMessageType type)
    {
        if (type != WebSocketMessageType.Binary || message.Length == 0 || message[0] != 0x22)
        {
            return message;
        }
        var at = 1;
        ReadVarint(message, ref at);
        if (at >= message.Length || message[at++] != 0x0A)
        {
            return [];
        }
        var length = ReadVarint(message, ref at);
        return at + length <= message.Length ? message.Slice(at, length) : [];
    }

    private static void WriteVarint(List<byte> output, int value)
    {
        var v = (uint)value;
        while (v >= 0x80)
        {
            output.Add((byte)(v | 0x80));
            v >>= 7;
        }
        output.Add((byte)v);
    }

    private static int ReadVarint(ReadOnlySpan<byte> input, ref int at)
    {
        var value = 0;
        for (var shift = 0; at < input.Length && shift < 35; shift += 7)
        {
            var b = input[at++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }
        return value;
    }
}
