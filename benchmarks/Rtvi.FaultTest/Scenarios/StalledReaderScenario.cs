using System.Diagnostics;

namespace Rtvi.FaultTest.Scenarios;

/// <summary>
/// A client that completes the handshake, makes every config response ~400 KB, asks for 1,100 of them and never reads
/// again. It keeps sending one small get-config every 200 ms until a send fails (or the TCP watcher sees the server's
/// end close): the server must abort it once its outbox has waited the send timeout.
/// </summary>
internal sealed class StalledReaderScenario : Scenario
{
    private const int ModelBytes = 400 * 1024;
    private const int Requests = 1_100;
    private const double AfterAllowanceMiB = 30;
    private static readonly TimeSpan s_probePeriod = TimeSpan.FromMilliseconds(200);

    public override string Name => "stalled-reader";

    public override string Expectation(FaultTestOptions options) =>
        $"released <= {Limit(options).TotalSeconds:F0} s after the client stops reading; after <= baseline + {AfterAllowanceMiB:F0} MiB";

    protected override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var connection = await context.OpenAsync();
        await connection.HandshakeAsync(StepTimeout);
        var stoppedReading = Stopwatch.GetTimestamp();
        var giveUp = After(stoppedReading, Limit(context.Options) + Overrun);

        var outcome = await connection.SendAsync(RtviMessages.UpdateConfigWithLargeModel("u1", ModelBytes), Until(giveUp));
        var sent = 0;
        for (; sent < Requests && outcome == SendOutcome.Sent; sent++)
        {
            outcome = await connection.SendAsync(RtviMessages.GetConfig($"g{sent}"), Until(giveUp));
        }
        var probes = 0;
        while (outcome == SendOutcome.Sent && !connection.IsReleased && Stopwatch.GetTimestamp() < giveUp)
        {
            await CompletesByAsync(connection.Released, Math.Min(giveUp, After(Stopwatch.GetTimestamp(), s_probePeriod)));
            if (connection.IsReleased || Stopwatch.GetTimestamp() >= giveUp)
            {
                break;
            }
            outcome = await connection.SendAsync(RtviMessages.GetConfig($"p{probes++}"), Until(giveUp));
        }
        // A send still pending means the server stopped reading too; its release is then seen by the TCP watcher.
        await CompletesByAsync(connection.Released, giveUp);

        var released = connection.ReleasedSince(stoppedReading);
        var releasedBy = connection.ReleasedBy;
        var rss = await context.EndAsync();
        var passed = released <= Limit(context.Options) && rss.WithinBaseline(rss.AfterMiB, AfterAllowanceMiB);
        var detail = $"update-config + {sent}/{Requests} get-config written, {probes} probes; " +
            (released is null ? $"not released within {Seconds(Limit(context.Options) + Overrun)}" : $"released after {Seconds(released)} ({releasedBy})") +
            (outcome == SendOutcome.TimedOut ? "; a send was still blocked (the server stopped reading)" : "") +
            (context.TcpWatchWorks ? "" : "; TCP watch unavailable");
        return new ScenarioResult(
            Name, Expectation(context.Options), rss.BaselineMiB, rss.PeakMiB, rss.AfterMiB, 1, released is null ? 0 : 1,
            released?.TotalSeconds, passed, detail);
    }

    private static TimeSpan Limit(FaultTestOptions options) => options.SendTimeout + FaultTestOptions.Slack;
}
