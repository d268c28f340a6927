using System.Text;
using Google.Protobuf;
using Rtvi.Tests.Pipecat;
using Rtvi.Transports;

namespace Rtvi.Tests.Transports;

/// <summary>
/// The hand-written codec against Google.Protobuf with classes protoc generated from the reference frames.proto:
/// what we write is byte for byte what Google.Protobuf writes, and what we read is what Google.Protobuf reads.
/// </summary>
public sealed class PipecatFrameCodecTests
{
    private const string ClientReady = """{"label":"rtvi-ai","type":"client-ready","id":"a1b2c3d4","data":{}}""";

    public static TheoryData<int> Lengths => [0, 1, 61, 62, 63, 125, 126, 127, 128, 300, 16_380, 16_381, 16_383, 16_384, 70_000, 2_097_151, 2_097_152];

    [Fact]
    public void Message_frame_matches_the_protocol_notes_byte_example()
    {
        var frame = PipecatFrameCodec.EncodeMessageFrame(Encoding.UTF8.GetBytes(ClientReady));
        Assert.Equal(67, ClientReady.Length);
        Assert.Equal(new byte[] { 0x22, 0x45, 0x0A, 0x43, 0x7B, 0x22, 0x6C, 0x61 }, frame[..8]);
        Assert.Equal(ReferenceMessage(ClientReady), frame);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Message_frame_is_byte_identical_to_google_protobuf(int length)
    {
        var json = new string('x', length);
        var ours = PipecatFrameCodec.EncodeMessageFrame(Encoding.UTF8.GetBytes(json));
        Assert.Equal(ReferenceMessage(json), ours);
        Assert.Equal(ours.Length, PipecatFrameCodec.GetMessageFrameLength(length));
    }

    [Theory]
    [InlineData(0, 24000, 1)]
    [InlineData(1, 16000, 1)]
    [InlineData(480, 24000, 1)]
    [InlineData(960, 48000, 2)]
    [InlineData(16_384, 8000, 1)]
    [InlineData(100_000, 24000, 0)]
    [InlineData(640, 0, 0)]
    [InlineData(2, int.MaxValue, int.MaxValue)]
    public void Audio_frame_is_byte_identical_to_google_protobuf(int pcmLength, int sampleRate, int numChannels)
    {
        var pcm = Pcm(pcmLength);
        var ours = PipecatFrameCodec.EncodeAudioFrame(pcm, sampleRate, numChannels);
        var reference = new Frame
        {
            Audio = new AudioRawFrame { Id = 0, Name = "audio", Audio = ByteString.CopyFrom(pcm), SampleRate = (uint)sampleRate, NumChannels = (uint)numChannels },
        }.ToByteArray();
        Assert.Equal(reference, ours);
        Assert.Equal(ours.Length, PipecatFrameCodec.GetAudioFrameLength(pcmLength, sampleRate, numChannels));
    }

    [Fact]
    public void Write_fills_exactly_the_reported_length_of_a_larger_buffer()
    {
        var json = Encoding.UTF8.GetBytes(ClientReady);
        var buffer = new byte[512];
        buffer.AsSpan().Fill(0xEE);
        var written = PipecatFrameCodec.WriteMessageFrame(json, buffer);
        Assert.Equal(ReferenceMessage(ClientReady), buffer[..written]);
        Assert.All(buffer[written..], b => Assert.Equal(0xEE, b));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Message_frame_written_by_google_protobuf_decodes_to_its_data(int length)
    {
        var json = "{\"é\":\"" + new string('x', length) + "\"}";
        var frame = ReferenceMessage(json);
        var decoded = PipecatFrameCodec.Decode(frame);
        Assert.Equal(PipecatFrameKind.Message, decoded.Kind);
        Assert.Equal(json, Encoding.UTF8.GetString(frame, decoded.PayloadOffset, decoded.PayloadLength));
    }

    [Fact]
    public void Audio_frame_written_by_google_protobuf_decodes_with_its_format_and_ignores_id_name_and_pts()
    {
        var pcm = Pcm(640);
        var frame = new Frame
        {
            Audio = new AudioRawFrame { Id = 987654321, Name = "mic", Audio = ByteString.CopyFrom(pcm), SampleRate = 16000, NumChannels = 1, Pts = 42 },
        }.ToByteArray();
        var decoded = PipecatFrameCodec.Decode(frame);
        Assert.Equal(new PipecatFrame(PipecatFrameKind.Audio, decoded.PayloadOffset, 640, 16000, 1), decoded);
        Assert.Equal(pcm, frame.AsSpan(decoded.PayloadOffset, decoded.PayloadLength).ToArray());
    }

    [Fact]
    public void Empty_message_and_empty_audio_decode_as_empty_payloads()
    {
        Assert.Equal(new PipecatFrame(PipecatFrameKind.Message, 0, 0), PipecatFrameCodec.Decode(new Frame { Message = new MessageFrame() }.ToByteArray()));
        Assert.Equal(new PipecatFrame(PipecatFrameKind.Audio, 0, 0), PipecatFrameCodec.Decode(new Frame { Audio = new AudioRawFrame() }.ToByteArray()));
    }

    public static TheoryData<string> OtherKinds => ["empty", "text", "transcription", "interruption", "unknown field 9"];

    [Theory]
    [MemberData(nameof(OtherKinds))]
    public void Frames_other_than_message_and_audio_are_undecodable(string kind)
    {
        var frame = kind switch
        {
            "empty" => new Frame(),
            "text" => new Frame { Text = new TextFrame { Id = 1, Name = "t", Text = "hello" } },
            "transcription" => new Frame { Transcription = new TranscriptionFrame { Text = "hi", UserId = "u" } },
            "interruption" => new Frame { Interruption = new InterruptionFrame { Id = 3 } },
            _ => WithUnknownFields(new Frame(), 9),
        };
        Assert.Equal(PipecatFrame.Undecodable, PipecatFrameCodec.Decode(frame.ToByteArray()));
    }

    [Fact]
    public void Unknown_fields_of_every_wire_type_are_skipped_outside_and_inside()
    {
        var message = WithUnknownFields(new MessageFrame { Data = ClientReady }, 7);
        var frame = WithUnknownFields(new Frame { Message = message }, 12);
        var bytes = frame.ToByteArray();
        Assert.Equal(ClientReady, Frame.Parser.ParseFrom(bytes).Message.Data); // the reference agrees
        var decoded = PipecatFrameCodec.Decode(bytes);
        Assert.Equal(PipecatFrameKind.Message, decoded.Kind);
        Assert.Equal(ClientReady, Encoding.UTF8.GetString(bytes, decoded.PayloadOffset, decoded.PayloadLength));
    }

    [Fact]
    public void A_known_field_with_an_unexpected_wire_type_is_an_unknown_field()
    {
        // Frame field 4 as a varint, then a real message; MessageFrame field 1 as fixed32 before the real data.
        var inner = Concat([0x0D, 1, 2, 3, 4], ReferenceField(1, "{}"));
        var bytes = Concat([0x20, 0x05, 0x22, (byte)inner.Length], inner);
        Assert.Equal("{}", Frame.Parser.ParseFrom(bytes).Message.Data);
        AssertSameAsReference(bytes);
    }

    [Fact]
    public void The_last_member_of_the_oneof_wins()
    {
        var message = ReferenceMessage(ClientReady);
        var audio = new Frame { Audio = new AudioRawFrame { Audio = ByteString.CopyFrom(Pcm(4)), SampleRate = 24000 } }.ToByteArray();
        Assert.Equal(PipecatFrameKind.Audio, PipecatFrameCodec.Decode(Concat(message, audio)).Kind);
        Assert.Equal(PipecatFrameKind.Message, PipecatFrameCodec.Decode(Concat(audio, message)).Kind);
        var text = new Frame { Text = new TextFrame { Text = "x" } }.ToByteArray();
        Assert.Equal(PipecatFrame.Undecodable, PipecatFrameCodec.Decode(Concat(message, text)));
        AssertSameAsReference(Concat(message, audio));
        AssertSameAsReference(Concat(audio, message));
    }

    [Fact]
    public void Repeated_occurrences_of_one_member_merge_field_by_field()
    {
        var first = new Frame { Audio = new AudioRawFrame { Audio = ByteString.CopyFrom(Pcm(8)), SampleRate = 16000, NumChannels = 2 } }.ToByteArray();
        var second = new Frame { Audio = new AudioRawFrame { SampleRate = 24000 } }.ToByteArray();
        var merged = Concat(first, second);
        var decoded = AssertSameAsReference(merged);
        Assert.Equal((8, 24000, 2), (decoded.PayloadLength, decoded.SampleRate, decoded.NumChannels));

        // A different member in between resets the oneof: nothing of the first audio survives.
        var message = ReferenceMessage("{}");
        decoded = AssertSameAsReference(Concat(first, message, second));
        Assert.Equal((0, 24000, 0), (decoded.PayloadLength, decoded.SampleRate, decoded.NumChannels));
    }

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "truncated tag varint", [0x80] },
        { "truncated length varint", [0x22, 0x80] },
        { "length past the end", [0x22, 0x05, 0x0A, 0x01] },
        { "inner length past the end", [0x22, 0x02, 0x0A, 0x05] },
        { "truncated fixed64", [0x09, 1, 2, 3] },
        { "truncated fixed32", [0x0D, 1, 2] },
        { "truncated inner varint", [0x12, 0x02, 0x20, 0x80] },
        { "field number 0", [0x02, 0x00] },
        { "wire type 6", [0x0E, 0x00] },
        { "wire type 7", [0x0F, 0x00] },
        { "end group without a start", [0x0C] },
        { "group without an end", [0x0B, 0x08, 0x01] },
        { "group closed by another field's end", [0x0B, 0x14] },
        { "varint longer than 10 bytes", [0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01] },
        { "negative length", [0x22, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F] },
        { "malformed member that is later overridden", [0x0A, 0x02, 0x08, 0x80, 0x22, 0x00] },
        { "invalid UTF-8 in data", [0x22, 0x03, 0x0A, 0x01, 0xC3] },
        { "invalid UTF-8 in name", [0x12, 0x03, 0x12, 0x01, 0xFF] },
        { "invalid UTF-8 in an overridden text member", [0x0A, 0x03, 0x1A, 0x01, 0xFF, 0x22, 0x00] },
        { "invalid UTF-8 in an overridden transcription member", [0x1A, 0x03, 0x2A, 0x01, 0xFF, 0x22, 0x00] },
        { "invalid UTF-8 in an overridden interruption member", [0x2A, 0x03, 0x12, 0x01, 0xFF, 0x22, 0x00] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_frames_are_undecodable_where_google_protobuf_throws(string why, byte[] bytes)
    {
        Assert.ThrowsAny<Exception>(() => Frame.Parser.ParseFrom(bytes));
        Assert.True(PipecatFrameCodec.Decode(bytes) == PipecatFrame.Undecodable, why);
    }

    [Fact]
    public void Nested_groups_are_skipped()
    {
        // group 3 { varint 1; group 4 { fixed32 } } then a message frame.
        byte[] group = [0x1B, 0x08, 0x01, 0x23, 0x0D, 1, 2, 3, 4, 0x24, 0x1C];
        AssertSameAsReference(Concat(group, ReferenceMessage("{}")));
    }

    [Fact]
    public void Random_inputs_and_mutations_decode_exactly_as_google_protobuf_does()
    {
        var random = new Random(20240611);
        var seeds = new[]
        {
            ReferenceMessage(ClientReady),
            new Frame { Audio = new AudioRawFrame { Id = 5, Name = "audio", Audio = ByteString.CopyFrom(Pcm(40)), SampleRate = 16000, NumChannels = 1, Pts = 9 } }.ToByteArray(),
            WithUnknownFields(new Frame { Message = WithUnknownFields(new MessageFrame { Data = "{}" }, 3) }, 20).ToByteArray(),
            Concat(new Frame { Transcription = new TranscriptionFrame { Text = "hé", UserId = "u", Timestamp = "t" } }.ToByteArray(), ReferenceMessage("{\"a\":\"é\"}")),
            Concat(new Frame { Text = new TextFrame { Name = "n", Text = "é" } }.ToByteArray(), new Frame { Interruption = new InterruptionFrame { Name = "é" } }.ToByteArray()),
        };
        for (var i = 0; i < 50_000; i++)
        {
            byte[] bytes;
            if (i % 4 == 0)
            {
                bytes = new byte[random.Next(0, 24)];
                random.NextBytes(bytes);
            }
            else
            {
                bytes = (byte[])seeds[i % seeds.Length].Clone();
                for (var m = random.Next(1, 4); m > 0; m--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
                if (random.Next(4) == 0)
                {
                    bytes = bytes[..random.Next(bytes.Length)];
                }
            }
            AssertSameAsReference(bytes);
        }
    }

    /// <summary>Decodes with both and checks they agree on kind, payload and audio format; returns ours.</summary>
    private static PipecatFrame AssertSameAsReference(byte[] bytes)
    {
        var ours = PipecatFrameCodec.Decode(bytes);
        Frame reference;
        try
        {
            reference = Frame.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            Assert.True(ours == PipecatFrame.Undecodable, "Google.Protobuf rejects " + Convert.ToHexString(bytes) + ", we decoded " + ours);
            return ours;
        }
        var payload = bytes.AsSpan(ours.PayloadOffset, ours.PayloadLength).ToArray();
        switch (reference.FrameCase)
        {
            case Frame.FrameOneofCase.Message:
                Assert.Equal(PipecatFrameKind.Message, ours.Kind);
                Assert.Equal(reference.Message.Data, Encoding.UTF8.GetString(payload));
                break;
            case Frame.FrameOneofCase.Audio when reference.Audio.SampleRate <= int.MaxValue && reference.Audio.NumChannels <= int.MaxValue:
                Assert.Equal(PipecatFrameKind.Audio, ours.Kind);
                Assert.Equal(reference.Audio.Audio.ToByteArray(), payload);
                Assert.Equal((int)reference.Audio.SampleRate, ours.SampleRate);
                Assert.Equal((int)reference.Audio.NumChannels, ours.NumChannels);
                break;
            default:
                Assert.True(ours == PipecatFrame.Undecodable, $"Google.Protobuf reads {reference.FrameCase} from {Convert.ToHexString(bytes)}, we decoded {ours}");
                break;
        }
        return ours;
    }

    private static byte[] ReferenceMessage(string json) => new Frame { Message = new MessageFrame { Data = json } }.ToByteArray();

    private static byte[] ReferenceField(int field, string value)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
        output.Flush();
        return stream.ToArray();
    }

    /// <summary>Adds unknown fields numbered from <paramref name="first"/> of every wire type (varint, fixed64, length-delimited, group, fixed32).</summary>
    private static T WithUnknownFields<T>(T message, int first)
        where T : IMessage<T>
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(first, WireFormat.WireType.Varint);
        output.WriteUInt64(ulong.MaxValue);
        output.WriteTag(first + 1, WireFormat.WireType.Fixed64);
        output.WriteFixed64(0x0102030405060708);
        output.WriteTag(first + 2, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(0x22, 0x02, 0x0A, 0x00));
        output.WriteTag(first + 3, WireFormat.WireType.StartGroup);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteInt32(-1);
        output.WriteTag(first + 3, WireFormat.WireType.EndGroup);
        output.WriteTag(first + 4, WireFormat.WireType.Fixed32);
        output.WriteFixed32(0xDEADBEEF);
        output.Flush();
        var withUnknown = message.Descriptor.Parser.ParseFrom(Concat(stream.ToArray(), message.ToByteArray()));
        return (T)withUnknown;
    }

    private static byte[] Pcm(int length)
    {
        var pcm = new byte[length];
        for (var i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (byte)(i * 31 + 7);
        }
        return pcm;
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
