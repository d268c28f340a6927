using System.Diagnostics;
using System.Globalization;
using Rtvi.StartTimer;

// Process start → first answered handshake of a server binary, median of N runs (see StartRun for what is timed).
// Usage: Rtvi.StartTimer --exec BINARY [--args "--port {port}"] [--runs 10] [--warm-up 1] [--label NAME]
if (!StartTimerOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error + Environment.NewLine + StartTimerOptions.Usage);
    return 2;
}

// Runs that are not recorded first: the page cache holds the binary, and this process has run every path it times.
for (var i = 0; i < options.WarmUp; i++)
{
    StartRun.Measure(options);
}
var runs = new List<StartTimes>(options.Runs);
for (var i = 0; i < options.Runs; i++)
{
    var times = StartRun.Measure(options);
    runs.Add(times);
    if (options.Verbose)
    {
        Console.WriteLine($"  run {i + 1}: {times}");
    }
}

var size = new FileInfo(options.Executable).Length / 1048576.0;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{options.Label}: {size:F2} MiB; median (min–max) of {runs.Count} runs, ms from process start:"));
Print("spawned", runs.Select(r => r.Spawned));
Print("port accepts", runs.Select(r => r.PortAccepts));
Print("upgraded (101)", runs.Select(r => r.Upgraded));
Print("first answer", runs.Select(r => r.Answered));
Print("server CPU", runs.Select(r => r.ServerCpu));
return 0;

static void Print(string name, IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    // The median of an even count is the mean of the two middle values.
    var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-16} {median,7:F1}  ({sorted[0]:F1}–{sorted[^1]:F1})"));
}

/// <summary>Milliseconds from just before the process is started to each step of one run.</summary>
/// <remarks><see cref="ServerCpu"/> is the CPU time the server had used when its answer arrived.</remarks>
internal readonly record struct StartTimes(double Spawned, double PortAccepts, double Upgraded, double Answered, double ServerCpu)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"spawned {Spawned:F1}, port accepts {PortAccepts:F1}, upgraded {Upgraded:F1}, answered {Answered:F1} ms; server CPU {ServerCpu:F1} ms");

    public static double Since(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}
