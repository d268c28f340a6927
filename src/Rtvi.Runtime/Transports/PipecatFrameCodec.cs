using System.Text.Unicode;

namespace Rtvi.Transports;

/// <summary>What one serialized <c>pipecat.Frame</c> held.</summary>
internal enum PipecatFrameKind
{
    /// <summary>Malformed protobuf, no frame at all, or a kind RTVI does not use (text, transcription, interruption).</summary>
    Undecodable,
    /// <summary><c>Frame.message</c>: the payload is <c>MessageFrame.data</c>, one RTVI JSON envelope.</summary>
    Message,
    /// <summary><c>Frame.audio</c>: the payload is <c>AudioRawFrame.audio</c>.</summary>
    Audio,
}

/// <summary>A decoded frame: its kind and where its payload lies in the input (no copy is made).</summary>
internal readonly record struct PipecatFrame(PipecatFrameKind Kind, int PayloadOffset, int PayloadLength, int SampleRate = 0, int NumChannels = 0)
{
    public static PipecatFrame Undecodable => default;
}

/// <summary>
/// The two <c>pipecat.Frame</c> variants of the RTVI WebSocket framing (rtvi-protocol.md §5.1), hand-written so that the
/// runtime needs no protobuf library: decoding reads the input in place, encoding writes straight into the caller's
/// buffer. Decoding follows protobuf semantics exactly — unknown fields of every wire type are skipped, the last member
/// of the <c>frame</c> oneof wins, repeated occurrences of the same member merge — and encoding is canonical proto3
/// (default values omitted), byte for byte what Google.Protobuf writes for the same message.
/// </summary>
internal static class PipecatFrameCodec
{
    // Frame: oneof frame { TextFrame text = 1; AudioRawFrame audio = 2; TranscriptionFrame transcription = 3;
    //                      MessageFrame message = 4; InterruptionFrame interruption = 5; }
    private const int TextField = 1;
    private const int AudioField = 2;
    private const int MessageField = 4;
    private const int InterruptionField = 5;

    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;
    private const int WireStartGroup = 3;
    private const int WireEndGroup = 4;
    private const int WireFixed32 = 5;

    private const byte MessageTag = (MessageField << 3) | WireLengthDelimited;   // 0x22
    private const byte AudioTag = (AudioField << 3) | WireLengthDelimited;       // 0x12
    private const byte DataTag = (1 << 3) | WireLengthDelimited;                 // MessageFrame.data, 0x0A
    private const byte NameTag = (2 << 3) | WireLengthDelimited;                 // AudioRawFrame.name, 0x12
    private const byte PcmTag = (3 << 3) | WireLengthDelimited;                  // AudioRawFrame.audio, 0x1A
    private const byte SampleRateTag = (4 << 3) | WireVarint;                    // AudioRawFrame.sample_rate, 0x20
    private const byte NumChannelsTag = (5 << 3) | WireVarint;                   // AudioRawFrame.num_channels, 0x28

    private const int MaxGroupDepth = 100; // Google.Protobuf's default recursion limit

    private static ReadOnlySpan<byte> AudioName => "audio"u8;

    // ---------------------------------------------------------------------------------------------------- decoding

    /// <summary>Decodes one serialized <c>pipecat.Frame</c>.</summary>
    public static PipecatFrame Decode(ReadOnlySpan<byte> frame)
    {
        // Pass 1: validate the whole frame and find the oneof member that wins, and where its last run starts
        // (occurrences of one member merge; a different member in between resets the oneof).
        var winner = 0;
        var runStart = 0;
        var position = 0;
        while (position < frame.Length)
        {
            var fieldStart = position;
            if (!TryReadTag(frame, ref position, out var field, out var wire) ||
                !TrySkipField(frame, ref position, field, wire, depth: 0))
            {
                return PipecatFrame.Undecodable;
            }
            if (wire == WireLengthDelimited && field is >= TextField and <= InterruptionField)
            {
                // Generated code parses every member it meets, so a malformed one anywhere fails the whole frame.
                var body = frame[LengthDelimitedBody(frame, fieldStart)];
                if (!IsWellFormed(body, StringFieldsOf(field)))
                {
                    return PipecatFrame.Undecodable;
                }
                if (field != winner)
                {
                    winner = field;
                    runStart = fieldStart;
                }
            }
        }

        return winner switch
        {
            MessageField => DecodeMessage(frame, runStart),
            AudioField => DecodeAudio(frame, runStart),
            _ => PipecatFrame.Undecodable,
        };
    }

    private static PipecatFrame DecodeMessage(ReadOnlySpan<byte> frame, int runStart)
    {
        (int Offset, int Length) data = (0, 0);
        foreach (var body in Occurrences(frame, runStart, MessageField))
        {
            var inner = frame[body];
            var position = 0;
            while (position < inner.Length)
            {
                var fieldStart = position;
                TryReadTag(inner, ref position, out var field, out var wire);
                TrySkipField(inner, ref position, field, wire, depth: 0);
                if (field == 1 && wire == WireLengthDelimited)
                {
                    var range = LengthDelimitedBody(inner, fieldStart);
                    data = (body.Start.Value + range.Start.Value, range.End.Value - range.Start.Value);
                }
            }
        }
        return new PipecatFrame(PipecatFrameKind.Message, data.Offset, data.Length);
    }

    private static PipecatFrame DecodeAudio(ReadOnlySpan<byte> frame, int runStart)
    {
        (int Offset, int Length) pcm = (0, 0);
        ulong sampleRate = 0, numChannels = 0;
        foreach (var body in Occurrences(frame, runStart, AudioField))
        {
            var inner = frame[body];
            var position = 0;
            while (position < inner.Length)
            {
                var fieldStart = position;
                TryReadTag(inner, ref position, out var field, out var wire);
                switch ((field, wire))
                {
                    case (3, WireLengthDelimited):
                        TrySkipField(inner, ref position, field, wire, depth: 0);
                        var range = LengthDelimitedBody(inner, fieldStart);
                        pcm = (body.Start.Value + range.Start.Value, range.End.Value - range.Start.Value);
                        break;
                    case (4, WireVarint):
                        TryReadVarint(inner, ref position, out sampleRate);
                        break;
                    case (5, WireVarint):
                        TryReadVarint(inner, ref position, out numChannels);
                        break;
                    default:
                        TrySkipField(inner, ref position, field, wire, depth: 0);
                        break;
                }
            }
        }
        // uint32 fields keep the low 32 bits of the varint; a rate that does not fit an int is not audio we can use.
        var rate = (uint)sampleRate;
        var channels = (uint)numChannels;
        return rate > int.MaxValue || channels > int.MaxValue
            ? PipecatFrame.Undecodable
            : new PipecatFrame(PipecatFrameKind.Audio, pcm.Offset, pcm.Length, (int)rate, (int)channels);
    }

    /// <summary>The bodies of the length-delimited occurrences of <paramref name="member"/> from <paramref name="start"/> on (input already validated).</summary>
    private static OccurrenceEnumerable Occurrences(ReadOnlySpan<byte> frame, int start, int member) => new(frame, start, member);

    private readonly ref struct OccurrenceEnumerable(ReadOnlySpan<byte> frame, int start, int member)
    {
        private readonly ReadOnlySpan<byte> _frame = frame;

        public OccurrenceEnumerator GetEnumerator() => new(_frame, start, member);
    }

    private ref struct OccurrenceEnumerator(ReadOnlySpan<byte> frame, int start, int member)
    {
        private readonly ReadOnlySpan<byte> _frame = frame;
        private int _position = start;

        public Range Current { get; private set; }

        public bool MoveNext()
        {
            while (_position < _frame.Length)
            {
                var fieldStart = _position;
                TryReadTag(_frame, ref _position, out var field, out var wire);
                TrySkipField(_frame, ref _position, field, wire, depth: 0);
                if (field == member && wire == WireLengthDelimited)
                {
                    Current = LengthDelimitedBody(_frame, fieldStart);
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>The string fields of each oneof member's message, as a bit per field number.</summary>
    private static int StringFieldsOf(int member) => member switch
    {
        TextField => 1 << 2 | 1 << 3,                           // name, text
        AudioField => 1 << 2,                                   // name
        MessageField => 1 << 1,                                 // data
        InterruptionField => 1 << 2,                            // name
        _ => 1 << 2 | 1 << 3 | 1 << 4 | 1 << 5,                 // transcription: name, text, user_id, timestamp
    };

    /// <summary>
    /// Whether <paramref name="message"/> is a sequence of well-formed fields whose string fields are UTF-8 (proto3 strings
    /// must be; Google.Protobuf rejects the whole frame otherwise).
    /// </summary>
    private static bool IsWellFormed(ReadOnlySpan<byte> message, int stringFields)
    {
        var position = 0;
        while (position < message.Length)
        {
            var fieldStart = position;
            if (!TryReadTag(message, ref position, out var field, out var wire) || !TrySkipField(message, ref position, field, wire, depth: 0))
            {
                return false;
            }
            if (wire == WireLengthDelimited && field < 32 && (stringFields & (1 << field)) != 0 && !Utf8.IsValid(message[LengthDelimitedBody(message, fieldStart)]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The body of the (validated) length-delimited field whose tag starts at <paramref name="fieldStart"/>.</summary>
    private static Range LengthDelimitedBody(ReadOnlySpan<byte> buffer, int fieldStart)
    {
        var position = fieldStart;
        TryReadVarint(buffer, ref position, out _);
        TryReadLength(buffer, ref position, out var length);
        return new Range(position, position + length);
    }

    private static bool TryReadTag(ReadOnlySpan<byte> buffer, ref int position, out int field, out int wire)
    {
        field = 0;
        wire = 0;
        if (!TryReadVarint(buffer, ref position, out var raw))
        {
            return false;
        }
        // Tags are uint32: like Google.Protobuf, keep the low 32 bits. Field number 0 is invalid.
        var tag = (uint)raw;
        field = (int)(tag >> 3);
        wire = (int)(tag & 7);
        return field != 0;
    }

    private static bool TrySkipField(ReadOnlySpan<byte> buffer, ref int position, int field, int wire, int depth)
    {
        switch (wire)
        {
            case WireVarint:
                return TryReadVarint(buffer, ref position, out _);
            case WireFixed64:
                return TryAdvance(buffer, ref position, 8);
            case WireFixed32:
                return TryAdvance(buffer, ref position, 4);
            case WireLengthDelimited:
                return TryReadLength(buffer, ref position, out var length) && TryAdvance(buffer, ref position, length);
            case WireStartGroup:
                if (depth >= MaxGroupDepth)
                {
                    return false;
                }
                while (true)
                {
                    if (!TryReadTag(buffer, ref position, out var innerField, out var innerWire))
                    {
                        return false;
                    }
                    if (innerWire == WireEndGroup)
                    {
                        return innerField == field;
                    }
                    if (!TrySkipField(buffer, ref position, innerField, innerWire, depth + 1))
                    {
                        return false;
                    }
                }
            default:
                // An end-group tag outside a group, or wire types 6 and 7.
                return false;
        }
    }

    private static bool TryReadLength(ReadOnlySpan<byte> buffer, ref int position, out int length)
    {
        // Lengths are read like Google.Protobuf does: the low 32 bits of the varint, as a signed int that must not be negative.
        var ok = TryReadVarint(buffer, ref position, out var raw);
        length = (int)(uint)raw;
        return ok && length >= 0;
    }

    private static bool TryAdvance(ReadOnlySpan<byte> buffer, ref int position, int count)
    {
        if (count > buffer.Length - position)
        {
            return false;
        }
        position += count;
        return true;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> buffer, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (position >= buffer.Length)
            {
                return false;
            }
            var b = buffer[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }
        return false; // more than 10 bytes
    }

    // ---------------------------------------------------------------------------------------------------- encoding

    /// <summary>The size of <c>Frame { message { data = json } }</c>.</summary>
    public static int GetMessageFrameLength(int jsonLength)
    {
        var inner = jsonLength == 0 ? 0 : 1 + VarintLength((uint)jsonLength) + jsonLength;
        return checked(1 + VarintLength((uint)inner) + inner);
    }

    /// <summary>Writes <c>Frame { message { data = json } }</c> to <paramref name="destination"/>; returns the bytes written.</summary>
    public static int WriteMessageFrame(ReadOnlySpan<byte> json, Span<byte> destination)
    {
        var inner = json.IsEmpty ? 0 : 1 + VarintLength((uint)json.Length) + json.Length;
        var position = 0;
        destination[position++] = MessageTag;
        position += WriteVarint(destination[position..], (uint)inner);
        if (!json.IsEmpty)
        {
            destination[position++] = DataTag;
            position += WriteVarint(destination[position..], (uint)json.Length);
            json.CopyTo(destination[position..]);
            position += json.Length;
        }
        return position;
    }

    /// <summary>Encodes <c>Frame { message { data = json } }</c> into a new array.</summary>
    public static byte[] EncodeMessageFrame(ReadOnlySpan<byte> json)
    {
        var frame = new byte[GetMessageFrameLength(json.Length)];
        WriteMessageFrame(json, frame);
        return frame;
    }

    /// <summary>The size of <c>Frame { audio { name = "audio", audio = pcm, sample_rate, num_channels } }</c>.</summary>
    public static int GetAudioFrameLength(int pcmLength, int sampleRate, int numChannels)
    {
        var inner = AudioBodyLength(pcmLength, sampleRate, numChannels);
        return checked(1 + VarintLength((uint)inner) + inner);
    }

    /// <summary>
    /// Writes <c>Frame { audio { id = 0, name = "audio", audio = pcm, sample_rate, num_channels } }</c>, the message the
    /// official client sends (id 0 is the default and so is not written); returns the bytes written.
    /// </summary>
    public static int WriteAudioFrame(ReadOnlySpan<byte> pcm, int sampleRate, int numChannels, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegative(numChannels);
        var position = 0;
        destination[position++] = AudioTag;
        position += WriteVarint(destination[position..], (uint)AudioBodyLength(pcm.Length, sampleRate, numChannels));
        destination[position++] = NameTag;
        destination[position++] = (byte)AudioName.Length;
        AudioName.CopyTo(destination[position..]);
        position += AudioName.Length;
        if (!pcm.IsEmpty)
        {
            destination[position++] = PcmTag;
            position += WriteVarint(destination[position..], (uint)pcm.Length);
            pcm.CopyTo(destination[position..]);
            position += pcm.Length;
        }
        if (sampleRate != 0)
        {
            destination[position++] = SampleRateTag;
            position += WriteVarint(destination[position..], (uint)sampleRate);
        }
        if (numChannels != 0)
        {
            destination[position++] = NumChannelsTag;
            position += WriteVarint(destination[position..], (uint)numChannels);
        }
        return position;
    }

    /// <summary>Encodes an audio frame (see <see cref="WriteAudioFrame"/>) into a new array.</summary>
    public static byte[] EncodeAudioFrame(ReadOnlySpan<byte> pcm, int sampleRate, int numChannels)
    {
        var frame = new byte[GetAudioFrameLength(pcm.Length, sampleRate, numChannels)];
        WriteAudioFrame(pcm, sampleRate, numChannels, frame);
        return frame;
    }

    private static int AudioBodyLength(int pcmLength, int sampleRate, int numChannels) => checked(
        2 + AudioName.Length
        + (pcmLength == 0 ? 0 : 1 + VarintLength((uint)pcmLength) + pcmLength)
        + (sampleRate == 0 ? 0 : 1 + VarintLength((uint)sampleRate))
        + (numChannels == 0 ? 0 : 1 + VarintLength((uint)numChannels)));

    private static int VarintLength(uint value) => (31 - System.Numerics.BitOperations.LeadingZeroCount(value | 1)) / 7 + 1;

    private static int WriteVarint(Span<byte> destination, uint value)
    {
        var position = 0;
        while (value >= 0x80)
        {
            destination[position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[position++] = (byte)value;
        return position;
    }
}
