using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Google.Protobuf;
using Rtvi.Tests.Pipecat;
using Rtvi.Transports;

namespace Rtvi.Benchmarks;

/// <summary>
/// The WebSocket framing's protobuf work per message: the hand-written <see cref="PipecatFrameCodec"/> vs Google.Protobuf
/// with protoc-generated classes, for a typical RTVI envelope and a 20 ms audio chunk (24 kHz mono s16le).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory), CategoriesColumn]
public class FrameCodecBenchmarks
{
    private readonly byte[] _json = Encoding.UTF8.GetBytes(
        """{"label":"rtvi-ai","type":"action","id":"5e6f7081","data":{"service":"llm","action":"append_to_messages","arguments":[{"name":"messages","value":[{"role":"user","content":"Hi there, how are you today?"}]},{"name":"run_immediately","value":true}]}}""");
    private readonly byte[] _pcm = new byte[960];
    private readonly byte[] _output = new byte[2048];
    private byte[] _messageFrame = [];
    private byte[] _audioFrame = [];

    [GlobalSetup]
    public void Setup()
    {
        _messageFrame = PipecatFrameCodec.EncodeMessageFrame(_json);
        _audioFrame = PipecatFrameCodec.EncodeAudioFrame(_pcm, 24000, 1);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("DecodeMessage")]
    public int GoogleDecodeMessage() => Encoding.UTF8.GetBytes(Frame.Parser.ParseFrom(_messageFrame).Message.Data, _output); // back to UTF-8 for the envelope reader

    [Benchmark, BenchmarkCategory("DecodeMessage")]
    public int CodecDecodeMessage() => PipecatFrameCodec.Decode(_messageFrame).PayloadLength;

    [Benchmark(Baseline = true), BenchmarkCategory("EncodeMessage")]
    public int GoogleEncodeMessage()
    {
        var frame = new Frame { Message = new MessageFrame { Data = Encoding.UTF8.GetString(_json) } };
        frame.WriteTo(_output.AsSpan(0, frame.CalculateSize()));
        return _output[0];
    }

    [Benchmark, BenchmarkCategory("EncodeMessage")]
    public int CodecEncodeMessage() => PipecatFrameCodec.WriteMessageFrame(_json, _output);

    [Benchmark(Baseline = true), BenchmarkCategory("DecodeAudio")]
    public int GoogleDecodeAudio() => Frame.Parser.ParseFrom(_audioFrame).Audio.Audio.Length;

    [Benchmark, BenchmarkCategory("DecodeAudio")]
    public int CodecDecodeAudio() => PipecatFrameCodec.Decode(_audioFrame).PayloadLength;

    [Benchmark(Baseline = true), BenchmarkCategory("EncodeAudio")]
    public int GoogleEncodeAudio()
    {
        var frame = new Frame { Audio = new AudioRawFrame { Name = "audio", Audio = ByteString.CopyFrom(_pcm), SampleRate = 24000, NumChannels = 1 } };
        frame.WriteTo(_output.AsSpan(0, frame.CalculateSize()));
        return _output[0];
    }

    [Benchmark, BenchmarkCategory("EncodeAudio")]
    public int CodecEncodeAudio() => PipecatFrameCodec.WriteAudioFrame(_pcm, 24000, 1, _output);
}
