using System.Text;
using BenchmarkDotNet.Attributes;
using Rtvi.Protocol;
using Rtvi.Transports;

namespace Rtvi.Benchmarks;

/// <summary>
/// The per-message work that grows with the message: reading the envelope (which validates all of <c>data</c>) and
/// the pipecat.Frame codec, on a client-message whose payload makes it about 100 B, 10 KB or 900 KB.
/// </summary>
[MemoryDiagnoser]
public class MessageSizeBenchmarks
{
    private byte[] _json = [];
    private byte[] _frame = [];
    private byte[] _output = [];

    /// <summary>The message size in bytes (approximate: the payload is padded to it).</summary>
    [Params(100, 10_000, 900_000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const string Head = """{"label":"rtvi-ai","type":"client-message","id":"5e6f7081","data":{"t":"note","d":{"text":""" + "\"";
        const string Tail = "\"}}}";
        var text = new StringBuilder();
        for (var i = 0; Head.Length + text.Length + Tail.Length < Size; i++)
        {
            text.Append(i % 10 == 9 ? ' ' : (char)('a' + (i % 26)));
        }
        _json = Encoding.UTF8.GetBytes(Head + text + Tail);
        if (EnvelopeReader.Read(_json).Status != EnvelopeStatus.Valid)
        {
            throw new InvalidOperationException("The benchmark message is not a valid envelope.");
        }
        _frame = PipecatFrameCodec.EncodeMessageFrame(_json);
        _output = new byte[_frame.Length + 16];
    }

    [Benchmark]
    public int EnvelopeRead() => EnvelopeReader.Read(_json).DataLength;

    [Benchmark]
    public int FrameDecode() => PipecatFrameCodec.Decode(_frame).PayloadLength;

    [Benchmark]
    public int FrameEncode() => PipecatFrameCodec.WriteMessageFrame(_json, _output);
}
