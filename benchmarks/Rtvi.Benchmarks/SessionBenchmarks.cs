using BenchmarkDotNet.Attributes;
using Rtvi.Conformance;
using Rtvi.Transports;

namespace Rtvi.Benchmarks;

/// <summary>
/// Request/response round trips through a whole session over the in-memory transport (envelope, dispatch, handler,
/// writer, outbox): a control request answered inline versus an action through the action lane.
/// </summary>
[MemoryDiagnoser]
public class SessionBenchmarks
{
    private const int Requests = 1000;
    private RtviInMemoryConnection _connection = null!;
    private CancellationTokenSource _stop = null!;
    private Task _session = null!;
    private string[] _getConfig = null!;
    private string[] _action = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var server = new RtviServer(ConformanceFixtures.CreateRegistry(RtviProtocolMode.V0_3), ConformanceFixtures.CreateOptions(RtviProtocolMode.V0_3));
        _connection = new RtviInMemoryConnection();
        _stop = new CancellationTokenSource();
        _session = server.RunSessionAsync(_connection, _stop.Token);
        await _connection.ClientSendAsync("""{"label":"rtvi-ai","type":"client-ready","id":"c","data":{}}""");
        await _connection.ClientReceiveAsync();
        _getConfig = [.. Enumerable.Range(0, Requests).Select(i => $$$"""{"label":"rtvi-ai","type":"get-config","id":"g{{{i}}}","data":{}}""")];
        _action = [.. Enumerable.Range(0, Requests).Select(i => $$$"""{"label":"rtvi-ai","type":"action","id":"a{{{i}}}","data":{"service":"tts","action":"say","arguments":[{"name":"text","value":"hello"}]}}""")];
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _connection.ClientClose();
        await _stop.CancelAsync();
        await _session;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Requests)]
    public Task GetConfigRoundTrips() => RoundTrips(_getConfig);

    [Benchmark(OperationsPerInvoke = Requests)]
    public Task ActionRoundTrips() => RoundTrips(_action);

    private async Task RoundTrips(string[] requests)
    {
        foreach (var request in requests)
        {
            await _connection.ClientSendAsync(request);
        }
        for (var i = 0; i < requests.Length; i++)
        {
            _ = await _connection.ClientReceiveAsync();
        }
    }
}
