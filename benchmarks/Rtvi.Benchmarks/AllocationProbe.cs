using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Rtvi.Benchmarks;

/// <summary>
/// Bytes allocated per round trip by every process thread, for each <see cref="RoundTripBenchmarks"/> operation: a quick,
/// load-independent check between full BenchmarkDotNet runs (<c>-- --allocations</c>).
/// </summary>
internal static class AllocationProbe
{
    public static async Task RunAsync(int iterations)
    {
        var benchmarks = new RoundTripBenchmarks();
        await benchmarks.Setup();
        var methods = typeof(RoundTripBenchmarks).GetMethods()
            .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
            .OrderBy(m => m.MetadataToken);
        foreach (var method in methods)
        {
            var run = method.CreateDelegate<Func<ValueTask<int>>>(benchmarks);
            for (var i = 0; i < 2_000; i++)
            {
                await run();
            }
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < iterations; i++)
            {
                await run();
            }
            var perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)iterations;
            Console.WriteLine($"{method.Name,-28} {perCall,8:F0} B");
        }
        await benchmarks.Cleanup();
    }
}
