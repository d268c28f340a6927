using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Rtvi.Generators.Tests;

/// <summary>
/// Hand-rolled snapshot files: <c>Snapshots/&lt;Test&gt;.&lt;hint&gt;.verified.cs</c>, one per generated source. Set
/// <c>RTVI_ACCEPT_SNAPSHOTS=1</c> to (re)write them instead of comparing.
/// </summary>
internal static class Snapshot
{
    private static bool Accept => Environment.GetEnvironmentVariable("RTVI_ACCEPT_SNAPSHOTS") == "1";

    /// <summary>Generates from <paramref name="source"/>, checks the output compiles cleanly, and compares every generated file.</summary>
    public static void Verify(string source, bool jsonContext = false, [CallerMemberName] string test = "", [CallerFilePath] string file = "")
    {
        string[] sources = jsonContext ? [GeneratorHarness.Usings, GeneratorHarness.JsonContext, source] : [GeneratorHarness.Usings, source];
        var (output, result) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(sources));
        GeneratorHarness.AssertClean(output);
        VerifySources(result, test, file);
    }

    public static void VerifySources(GeneratorDriverRunResult result, string test, string file)
    {
        var directory = Path.Combine(Path.GetDirectoryName(file)!, "Snapshots");
        var expectedFiles = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var generated in result.Results.SelectMany(r => r.GeneratedSources))
        {
            var name = test + "." + generated.HintName.Replace(".g.cs", "", StringComparison.Ordinal) + ".verified.cs";
            expectedFiles.Add(name);
            var path = Path.Combine(directory, name);
            var actual = generated.SourceText.ToString();
            if (Accept)
            {
                File.WriteAllText(path, actual);
                continue;
            }
            if (!File.Exists(path))
            {
                failures.Add($"missing snapshot {name} (run with RTVI_ACCEPT_SNAPSHOTS=1):\n{actual}");
            }
            else if (File.ReadAllText(path).ReplaceLineEndings("\n") != actual)
            {
                failures.Add($"snapshot {name} differs; generated:\n{actual}");
            }
        }
        foreach (var stale in Directory.EnumerateFiles(directory, test + ".*.verified.cs"))
        {
            if (!expectedFiles.Contains(Path.GetFileName(stale)))
            {
                if (Accept)
                {
                    File.Delete(stale);
                }
                else
                {
                    failures.Add($"stale snapshot {Path.GetFileName(stale)}: no longer generated");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
