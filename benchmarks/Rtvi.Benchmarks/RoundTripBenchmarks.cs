using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Rtvi.Benchmarks.RoundTrip;

namespace Rtvi.Benchmarks;

/// <summary>
/// One request and its answer, per operation, three ways over the same in-memory transport (<see cref="BenchConnection"/>):
/// the floor (read the envelope, send an answer of the same size), ours (a real session with generated binders), and the
/// alternative (<see cref="ReflectionDispatcher"/>: reflection-mode JsonSerializer and MethodInfo.Invoke).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory), CategoriesColumn]
public class RoundTripBenchmarks
{
    private static readonly byte[] ClientReady03 = Message("""{"label":"rtvi-ai","type":"client-ready","id":"c0","data":{}}""");
    private static readonly byte[] ClientReady2 = Message("""{"label":"rtvi-ai","type":"client-ready","id":"c2","data":{"version":"2.1.0","about":{"library":"bench"}}}""");
    private static readonly byte[] GetConfigRequest = Message("""{"label":"rtvi-ai","type":"get-config","id":"5e6f7081","data":{}}""");
    private static readonly byte[] ActionRequest = Message(
        """{"label":"rtvi-ai","type":"action","id":"5e6f7082","data":{"service":"calc","action":"add","arguments":[{"name":"a","value":40},{"name":"b","value":2},{"name":"note","value":"sum"}]}}""");
    private static readonly byte[] ClientMessageRequest = Message(
        """{"label":"rtvi-ai","type":"client-message","id":"5e6f7083","data":{"t":"calc.add","d":{"a":40,"b":2,"note":"sum"}}}""");
    private static readonly byte[] UpdateConfigRequest = Message(
        """{"label":"rtvi-ai","type":"update-config","id":"5e6f7084","data":{"config":[{"service":"calc","options":[{"name":"voice","value":"v-2"},{"name":"speed","value":1.25},{"name":"enabled","value":true}]}]}}""");
    private static readonly byte[] DescribeActionsRequest = Message("""{"label":"rtvi-ai","type":"describe-actions","id":"5e6f7085","data":{}}""");

    private readonly List<Task> _servers = [];
    private readonly List<BenchConnection> _connections = [];
    private readonly CancellationTokenSource _stop = new();
    private BenchConnection _floor = null!;
    private BenchConnection _ours03 = null!;
    private BenchConnection _ours2 = null!;
    private BenchConnection _reflection = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var generated = new RtviRegistryBuilder();
        RtviGeneratedHandlers.Register(generated);
        var all = generated.Build();

        _ours03 = await StartSessionAsync(all, RtviProtocolMode.V0_3, ClientReady03);
        _ours2 = await StartSessionAsync(all, RtviProtocolMode.V2, ClientReady2);
        var answers = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["get-config"] = await _ours03.CaptureRoundTripAsync(GetConfigRequest),
            ["action"] = await _ours03.CaptureRoundTripAsync(ActionRequest),
            ["update-config"] = await _ours03.CaptureRoundTripAsync(UpdateConfigRequest),
            ["describe-actions"] = await _ours03.CaptureRoundTripAsync(DescribeActionsRequest),
            ["client-message"] = await _ours2.CaptureRoundTripAsync(ClientMessageRequest),
        };
        if (all.Actions.Count != 50 || answers.Values.Any(a => a.AsSpan().IndexOf("error"u8) >= 0))
        {
            throw new InvalidOperationException("The session did not answer as expected: " + string.Join(" | ", answers.Values.Select(Encoding.UTF8.GetString)));
        }

        _floor = Connect();
        _servers.Add(Task.Run(() => FloorServer.RunAsync(_floor, answers)));

        _reflection = Connect();
        var dispatcher = new ReflectionDispatcher([typeof(CalcService), typeof(ManyActions), typeof(BenchOrders)], InitialConfig().Select(
            s => new WireServiceConfig(s.Service, [.. s.Options.Select(o => new WireOption(o.Name, o.Value))])));
        _servers.Add(Task.Run(() => dispatcher.RunAsync(_reflection)));
        await _reflection.RoundTripAsync(ClientReady03);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        foreach (var connection in _connections)
        {
            connection.ClientClose();
        }
        await _stop.CancelAsync();
        await Task.WhenAll(_servers);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("GetConfig")]
    public ValueTask<int> GetConfigFloor() => _floor.RoundTripAsync(GetConfigRequest);

    [Benchmark, BenchmarkCategory("GetConfig")]
    public ValueTask<int> GetConfigOurs() => _ours03.RoundTripAsync(GetConfigRequest);

    [Benchmark, BenchmarkCategory("GetConfig")]
    public ValueTask<int> GetConfigReflection() => _reflection.RoundTripAsync(GetConfigRequest);

    [Benchmark(Baseline = true), BenchmarkCategory("Action")]
    public ValueTask<int> ActionFloor() => _floor.RoundTripAsync(ActionRequest);

    [Benchmark, BenchmarkCategory("Action")]
    public ValueTask<int> ActionOurs() => _ours03.RoundTripAsync(ActionRequest);

    [Benchmark, BenchmarkCategory("Action")]
    public ValueTask<int> ActionReflection() => _reflection.RoundTripAsync(ActionRequest);

    [Benchmark(Baseline = true), BenchmarkCategory("ClientMessage")]
    public ValueTask<int> ClientMessageFloor() => _floor.RoundTripAsync(ClientMessageRequest);

    [Benchmark, BenchmarkCategory("ClientMessage")]
    public ValueTask<int> ClientMessageOurs() => _ours2.RoundTripAsync(ClientMessageRequest);

    [Benchmark, BenchmarkCategory("ClientMessage")]
    public ValueTask<int> ClientMessageReflection() => _reflection.RoundTripAsync(ClientMessageRequest);

    [Benchmark(Baseline = true), BenchmarkCategory("UpdateConfig")]
    public ValueTask<int> UpdateConfigFloor() => _floor.RoundTripAsync(UpdateConfigRequest);

    [Benchmark, BenchmarkCategory("UpdateConfig")]
    public ValueTask<int> UpdateConfigOurs() => _ours03.RoundTripAsync(UpdateConfigRequest);

    [Benchmark, BenchmarkCategory("UpdateConfig")]
    public ValueTask<int> UpdateConfigReflection() => _reflection.RoundTripAsync(UpdateConfigRequest);

    [Benchmark(Baseline = true), BenchmarkCategory("DescribeActions")]
    public ValueTask<int> DescribeActionsFloor() => _floor.RoundTripAsync(DescribeActionsRequest);

    [Benchmark, BenchmarkCategory("DescribeActions")]
    public ValueTask<int> DescribeActionsOurs() => _ours03.RoundTripAsync(DescribeActionsRequest);

    [Benchmark, BenchmarkCategory("DescribeActions")]
    public ValueTask<int> DescribeActionsReflection() => _reflection.RoundTripAsync(DescribeActionsRequest);

    private static byte[] Message(string json) => Encoding.UTF8.GetBytes(json);

    private static List<RtviServiceConfig> InitialConfig() =>
    [
        new RtviServiceConfig("calc", [RtviOptionValue.Of("voice", "v-1"), RtviOptionValue.Of("speed", 1.0), RtviOptionValue.Of("enabled", false)]),
    ];

    private BenchConnection Connect()
    {
        var connection = new BenchConnection();
        _connections.Add(connection);
        return connection;
    }

    private async Task<BenchConnection> StartSessionAsync(RtviRegistry registry, RtviProtocolMode mode, byte[] clientReady)
    {
        var options = new RtviServerOptions { Mode = mode, AutoBotReady = true, InitialConfig = mode == RtviProtocolMode.V0_3 ? InitialConfig() : [] };
        var server = new RtviServer(registry, options);
        var connection = Connect();
        _servers.Add(server.RunSessionAsync(connection, _stop.Token));
        await connection.RoundTripAsync(clientReady);
        return connection;
    }
}
