using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Rtvi.Benchmarks.EnvelopeBenchmarks).Assembly).Run(args);
