using System.Text.Json;
using System.Text.Json.Serialization;
using Rtvi.LoadTest;

// A bounded loopback load test of an RTVI server beside its floor (a WebSocket echo server, benchmarks/Rtvi.EchoFloor),
// the same workload against both in one run so that every result has its ratio. Targets only loopback addresses.
var options = LoadOptions.Parse(args);
if (!options.Target.IsLoopback || options.Floor is { IsLoopback: false })
{
    Console.Error.WriteLine("Refusing a non-loopback target.\n" + LoadOptions.Usage);
    return 2;
}

var results = new List<RunResult>();
if (options.Mode != "idle")
{
    // Both servers JIT-compile and grow their pools before anything is measured.
    var warmUp = options with { Mode = "closed", Clients = Math.Min(options.Clients, 50), Requests = 100 };
    foreach (var url in new[] { options.Floor, options.Target }.OfType<Uri>())
    {
        _ = await LoadModes.RunAsync("warm-up", url, warmUp, null);
    }
}
if (options.Floor is { } floorUrl)
{
    results.Add(await LoadModes.RunAsync("floor", floorUrl, options, options.FloorPid));
    Console.WriteLine(results[^1]);
}
results.Add(await LoadModes.RunAsync("rtvi", options.Target, options, options.TargetPid));
Console.WriteLine(results[^1]);

double? ratio = null;
if (results.Count == 2)
{
    var (floor, rtvi) = (results[0], results[1]);
    ratio = options.Mode == "idle" ? rtvi.RssKiBPerSession - floor.RssKiBPerSession : rtvi.PerSecond / floor.PerSecond;
    Console.WriteLine(options.Mode == "idle"
        ? $"above the floor: {ratio:F1} KiB per session"
        : $"throughput ratio rtvi/floor: {ratio:F3}; p99 rtvi {rtvi.P99:F2} ms vs floor {floor.P99:F2} ms");
}
if (options.SummaryPath is { } path)
{
    var report = new LoadReport(DateTime.UtcNow, Environment.ProcessorCount, options.Mode, options.Framing, options.Clients, results, ratio);
    await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, LoadReportJson.Default.LoadReport));
}
return results.Any(r => r.Failures > 0) ? 1 : 0;

/// <summary>The JSON summary of one run.</summary>
internal sealed record LoadReport(DateTime Utc, int Cores, string Mode, string Framing, int Sessions, List<RunResult> Results, double? RatioToFloor);

[JsonSourceGenerationOptions(WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(LoadReport))]
internal sealed partial class LoadReportJson : JsonSerializerContext;
