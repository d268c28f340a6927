using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rtvi.FaultTest;
using Rtvi.FaultTest.Scenarios;

// A loopback fault tester: runs hostile-client scenarios against a server URL and prints the server's peak and after
// RSS (sampled from /proc/<pid>/status every 50 ms) and how long the server took to release the connections.
if (!FaultTestOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error + Environment.NewLine + FaultTestOptions.Usage);
    return 2;
}
if (!options.Url.IsLoopback)
{
    Console.Error.WriteLine("Refusing a non-loopback target.");
    return 2;
}
if (RssSampler.ReadMiB(options.Pid) is null)
{
    Console.Error.WriteLine($"No VmRSS for pid {options.Pid} (no such process, or /proc is not readable).");
    return 2;
}

var period = TimeSpan.FromMilliseconds(50);
var startedAt = DateTimeOffset.UtcNow;
var total = Stopwatch.StartNew();
var results = new List<ScenarioResult>();
await using (var rss = new RssSampler(options.Pid, period))
await using (var watcher = new TcpReleaseWatcher(options.Url.Port, period))
{
    Console.WriteLine($"fault test against {options.Url} (server pid {options.Pid}); handshake {options.HandshakeTimeout.TotalSeconds:F0} s, " +
        $"send timeout {options.SendTimeout.TotalSeconds:F0} s, settle {options.Settle.TotalSeconds:F0} s");
    if (await WarmUp.RunAsync(options.Url) is { } warmUpFailure)
    {
        Console.WriteLine($"warm-up session failed ({warmUpFailure}); running the scenarios anyway");
    }
    await Task.Delay(options.Settle);
    foreach (var scenario in ScenarioCatalog.Select(options.Scenario))
    {
        if (rss.ProcessGone)
        {
            results.Add(new ScenarioResult(scenario.Name, scenario.Expectation(options), null, null, null, 0, 0, null, false, "not run: the server process is gone"));
            ResultPrinter.Line(results[^1]);
            continue;
        }
        var result = await scenario.RunAsync(options, rss, watcher);
        results.Add(rss.ProcessGone ? result with { Passed = false, Detail = result.Detail + "; the server process exited" } : result);
        ResultPrinter.Line(results[^1]);
    }
}

ResultPrinter.Table(results);
var passed = results.All(r => r.Passed);
if (options.JsonPath is { } path)
{
    var report = new FaultTestReport(options.Url.ToString(), options.Pid, startedAt, Math.Round(total.Elapsed.TotalSeconds, 2), passed, [.. results]);
    // Relaxed escaping keeps "<=" and "+" readable in the expectations; the file is not embedded in HTML.
    var json = new ReportJsonContext(new JsonSerializerOptions(ReportJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, json.FaultTestReport));
    Console.WriteLine($"wrote {path}");
}
return passed ? 0 : 1;
