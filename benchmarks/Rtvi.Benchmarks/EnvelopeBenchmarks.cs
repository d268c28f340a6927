using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Rtvi.Protocol;

namespace Rtvi.Benchmarks;

/// <summary>Reading the envelope of a typical action request: our Utf8JsonReader scan vs a JsonDocument parse.</summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks
{
    private readonly byte[] _action = Encoding.UTF8.GetBytes(
        """{"label":"rtvi-ai","type":"action","id":"5e6f7081","data":{"service":"llm","action":"append_to_messages","arguments":[{"name":"messages","value":[{"role":"user","content":"Hi there, how are you today?"}]},{"name":"run_immediately","value":true}]}}""");

    [Benchmark(Baseline = true)]
    public string? JsonDocumentParse()
    {
        using var document = JsonDocument.Parse(_action);
        var root = document.RootElement;
        return root.GetProperty("label").GetString() == "rtvi-ai" ? root.GetProperty("type").GetString() : null;
    }

    [Benchmark]
    public string? EnvelopeReaderRead() => EnvelopeReader.Read(_action).Type;
}
