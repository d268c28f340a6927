using System.Diagnostics;
using System.Net.WebSockets;

namespace Rtvi.FaultTest.Scenarios;

/// <summary>A hostile-client scenario: it opens its connections through a <see cref="ScenarioContext"/> and judges the server.</summary>
internal abstract class Scenario
{
    /// <summary>Timeout of a connect or of the client-ready → bot-ready handshake of a well-behaved step.</summary>
    protected static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long past an expectation's limit a scenario keeps watching, so a late release is still timed.</summary>
    protected static readonly TimeSpan Overrun = TimeSpan.FromSeconds(10);

    /// <summary>The name printed and written to the report.</summary>
    public abstract string Name { get; }

    /// <summary>The <c>--scenario</c> value that selects it (variants of one scenario share it).</summary>
    public virtual string Selector => Name;

    /// <summary>What must hold for the scenario to pass, with the limits of <paramref name="options"/>.</summary>
    public abstract string Expectation(FaultTestOptions options);

    /// <summary>Runs the scenario; a failure to get going (refused connect, no bot-ready) is a failed result, not an exception.</summary>
    public async Task<ScenarioResult> RunAsync(FaultTestOptions options, RssSampler rss, TcpReleaseWatcher watcher)
    {
        await using var context = new ScenarioContext(options, rss, watcher);
        try
        {
            return await RunAsync(context);
        }
        catch (Exception e) when (e is ScenarioException or WebSocketException or HttpRequestException
                                       or IOException or OperationCanceledException)
        {
            var reading = await context.EndAsync();
            return new ScenarioResult(
                Name, Expectation(options), reading.BaselineMiB, reading.PeakMiB, reading.AfterMiB,
                context.Opened, 0, null, Passed: false, $"could not run: {Describe(e)}");
        }
    }

    protected abstract Task<ScenarioResult> RunAsync(ScenarioContext context);

    /// <summary>Time left until the <see cref="Stopwatch"/> timestamp <paramref name="until"/>, never negative.</summary>
    protected static TimeSpan Until(long until) =>
        TimeSpan.FromSeconds(Math.Max(0, (until - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency));

    /// <summary>The <see cref="Stopwatch"/> timestamp <paramref name="delay"/> after <paramref name="start"/>.</summary>
    protected static long After(long start, TimeSpan delay) => start + (long)(delay.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Waits for <paramref name="task"/> until <paramref name="until"/>; false if the deadline came first.</summary>
    protected static async Task<bool> CompletesByAsync(Task task, long until)
    {
        try
        {
            await task.WaitAsync(Until(until));
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The exception's message with its inner messages (a refused connect hides the reason one level down).</summary>
    public static string Describe(Exception e) =>
        e.InnerException is { } inner ? $"{e.Message} ({Describe(inner)})" : e.Message;

    protected static string Seconds(TimeSpan? time) => time is { } t ? $"{t.TotalSeconds:F2} s" : "never";
}
