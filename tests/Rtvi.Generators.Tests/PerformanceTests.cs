using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit.Abstractions;

namespace Rtvi.Generators.Tests;

/// <summary>Runs alone: the check reads the process's CPU time, which tests running in parallel would inflate.</summary>
[CollectionDefinition(nameof(PerformanceTests), DisableParallelization = true)]
public sealed class PerformanceCollection;

/// <summary>A sanity check, not a benchmark: generating for a large bot stays far below a second.</summary>
[Collection(nameof(PerformanceTests))]
public sealed class PerformanceTests(ITestOutputHelper output)
{
    private const int Attempts = 5;

    [Fact]
    public void A_thousand_handlers_generate_in_well_under_a_second()
    {
        // Warm up Roslyn and the generator (JIT, including tiered recompilation on background threads).
        for (var warmup = 0; warmup < 2; warmup++)
        {
            GeneratorHarness.CreateDriver().RunGenerators(Compile(seed: -1 - warmup));
        }

        // Each attempt gets a fresh compilation, so Roslyn binds the declarations again. The check uses the process's CPU
        // time (best of a few runs): wall time on a shared, busy machine mostly measures the other processes. Binding
        // alone is measured the same way for comparison.
        var generate = (Wall: TimeSpan.MaxValue, Cpu: TimeSpan.MaxValue);
        var bind = (Wall: TimeSpan.MaxValue, Cpu: TimeSpan.MaxValue);
        GeneratorDriverRunResult? result = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var compilation = Compile(seed: attempt);
            generate = Min(generate, Measure(() => result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult()));
            var other = Compile(seed: attempt + Attempts);
            bind = Min(bind, Measure(() => BindHandlerDeclarations(other)));
        }

        Assert.Equal(1001, result!.GeneratedTrees.Length);
        output.WriteLine($"1,000 handlers, best of {Attempts}: generator run {generate.Cpu.TotalMilliseconds:F0} ms CPU " +
            $"({generate.Wall.TotalMilliseconds:F0} ms wall); binding the same declarations alone {bind.Cpu.TotalMilliseconds:F0} ms CPU " +
            $"({bind.Wall.TotalMilliseconds:F0} ms wall)");
        Assert.True(generate.Cpu < TimeSpan.FromSeconds(1), $"took {generate.Cpu} CPU");
    }

    private static Compilation Compile(int seed)
    {
        var source = new StringBuilder("namespace Bot;\n");
        for (var c = 0; c < 10; c++)
        {
            source.Append("[RtviService(\"service").Append(c).Append("\")]\npublic sealed class Service").Append(c).Append("\n{\n");
            for (var m = 0; m < 100; m++)
            {
                source.Append(m % 3 == 0
                    ? $"    [RtviOption(\"option{m}\")] public void Set{m}(string value) {{ }}\n"
                    : $"    [RtviAction(\"action{m}\")] public Task<int> Run{m}Async(int count, string? label = null, bool loud = false, " +
                      $"CancellationToken ct = default) => Task.FromResult(count + {seed});\n");
            }
            source.Append("}\n");
        }
        return GeneratorHarness.CreateCompilation(GeneratorHarness.Usings, source.ToString());
    }

    private static void BindHandlerDeclarations(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var method = (IMethodSymbol)model.GetDeclaredSymbol(node)!;
                _ = method.GetAttributes();
                foreach (var parameter in method.Parameters)
                {
                    _ = parameter.HasExplicitDefaultValue ? parameter.ExplicitDefaultValue : null;
                }
            }
        }
    }

    private static (TimeSpan Wall, TimeSpan Cpu) Measure(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        action();
        stopwatch.Stop();
        process.Refresh();
        return (stopwatch.Elapsed, process.TotalProcessorTime - cpu);
    }

    private static (TimeSpan Wall, TimeSpan Cpu) Min((TimeSpan Wall, TimeSpan Cpu) a, (TimeSpan Wall, TimeSpan Cpu) b) =>
        (a.Wall < b.Wall ? a.Wall : b.Wall, a.Cpu < b.Cpu ? a.Cpu : b.Cpu);
}
