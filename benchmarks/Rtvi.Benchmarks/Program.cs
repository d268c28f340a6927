using BenchmarkDotNet.Running;
using Rtvi.Benchmarks;

if (args is ["--allocations", ..])
{
    await AllocationProbe.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(EnvelopeBenchmarks).Assembly).Run(args);
