using BenchmarkDotNet.Attributes;

namespace Rtvi.Benchmarks;

/// <summary>
/// An action against a get-config while the thread pool is busy: as many work items as cores keep spinning and
/// re-queueing themselves, so every hop of the session waits its turn behind them.
/// </summary>
[MemoryDiagnoser]
public class BusyPoolBenchmarks
{
    private readonly RoundTripBenchmarks _roundTrips = new();
    private readonly CancellationTokenSource _stop = new();
    private Task[] _noise = [];

    [GlobalSetup]
    public async Task Setup()
    {
        await _roundTrips.Setup();
        _noise = [.. Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Thread.SpinWait(2_000);
                await Task.Yield();
            }
        }))];
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_noise);
        await _roundTrips.Cleanup();
    }

    [Benchmark(Baseline = true)]
    public ValueTask<int> GetConfigBusy() => _roundTrips.GetConfigOurs();

    [Benchmark]
    public ValueTask<int> ActionBusy() => _roundTrips.ActionOurs();
}
