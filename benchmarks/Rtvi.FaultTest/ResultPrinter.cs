using System.Globalization;

namespace Rtvi.FaultTest;

/// <summary>The console output: one line per scenario as it finishes, and the summary table at the end.</summary>
internal static class ResultPrinter
{
    public static void Line(ScenarioResult r) =>
        Console.WriteLine(
            $"{r.Scenario}: baseline {MiB(r.BaselineMiB)}, peak {MiB(r.PeakMiB)}, after {MiB(r.AfterMiB)}, " +
            $"released {r.ReleasedByServer}/{r.Connections} in {Time(r.ReleaseSeconds)} => {Verdict(r)}" +
            $"{Environment.NewLine}    expected: {r.Expectation}{Environment.NewLine}    observed: {r.Detail}");

    public static void Table(IReadOnlyList<ScenarioResult> results)
    {
        string[] header = ["scenario", "baseline MiB", "peak MiB", "after MiB", "released", "release time", "verdict"];
        var rows = results
            .Select(r => new[] { r.Scenario, Number(r.BaselineMiB), Number(r.PeakMiB), Number(r.AfterMiB), $"{r.ReleasedByServer}/{r.Connections}", Time(r.ReleaseSeconds), Verdict(r) })
            .Prepend(header)
            .ToArray();
        var widths = Enumerable.Range(0, header.Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        Console.WriteLine();
        foreach (var (row, i) in rows.Select((row, i) => (row, i)))
        {
            Console.WriteLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))));
            if (i == 0)
            {
                Console.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }
        var passed = results.Count(r => r.Passed);
        Console.WriteLine($"{passed} passed, {results.Count - passed} failed");
    }

    private static string Verdict(ScenarioResult r) => r.Passed ? "PASS" : "FAIL";

    private static string Number(double? mib) => mib is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "-";

    private static string MiB(double? mib) => mib is null ? "- (no process)" : $"{Number(mib)} MiB";

    private static string Time(double? seconds) => seconds is { } s ? s.ToString("F2", CultureInfo.InvariantCulture) + " s" : "never";
}
