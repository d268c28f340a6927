using System.Diagnostics;

namespace Rtvi.FaultTest.Scenarios;

/// <summary>
/// A client pauses reading, sends a 50 KB update-config and 2,000 get-config, then a close frame. Resuming: it then
/// reads everything, and every request must be answered before the server's close, within the send timeout + slack.
/// Not resuming: it never reads again, and the server must release it within the send timeout + slack.
/// </summary>
internal sealed class CloseFullInboxScenario(bool resumeReading) : Scenario
{
    private const int ModelBytes = 50 * 1024;
    private const int Requests = 2_000;
    private const string UpdateId = "u1";
    private static readonly TimeSpan s_sendBudget = TimeSpan.FromSeconds(30);

    public override string Name => resumeReading ? "close-full-inbox" : "close-full-inbox-no-read";

    public override string Selector => "close-full-inbox";

    public override string Expectation(FaultTestOptions options) => resumeReading
        ? $"all {Requests + 1} requests answered and the close answered <= {Limit(options).TotalSeconds:F0} s after the client's close"
        : $"released <= {Limit(options).TotalSeconds:F0} s after the client's close (client never reads)";

    protected override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var connection = await context.OpenAsync();
        await connection.HandshakeAsync(StepTimeout);

        var sendUntil = After(Stopwatch.GetTimestamp(), s_sendBudget);
        var outcome = await connection.SendAsync(RtviMessages.UpdateConfigWithLargeModel(UpdateId, ModelBytes), Until(sendUntil));
        var sent = 0;
        for (; sent < Requests && outcome == SendOutcome.Sent; sent++)
        {
            outcome = await connection.SendAsync(RtviMessages.GetConfig($"g{sent}"), Until(sendUntil));
        }
        if (outcome == SendOutcome.Sent)
        {
            outcome = await connection.SendCloseAsync(Until(sendUntil));
        }
        var closeSent = Stopwatch.GetTimestamp();
        if (outcome != SendOutcome.Sent)
        {
            var rss = await context.EndAsync();
            var why = outcome == SendOutcome.TimedOut
                ? $"the client's writes blocked for {s_sendBudget.TotalSeconds:F0} s (the server stopped reading)"
                : $"the server ended the connection ({connection.ReleasedBy})";
            return new ScenarioResult(
                Name, Expectation(context.Options), rss.BaselineMiB, rss.PeakMiB, rss.AfterMiB, 1, connection.IsReleased ? 1 : 0,
                null, Passed: false, $"only {sent}/{Requests} get-config and no close written: {why}");
        }

        var giveUp = After(closeSent, Limit(context.Options) + Overrun);
        return resumeReading
            ? await ReadToCloseAsync(context, connection, closeSent, giveUp)
            : await AwaitReleaseAsync(context, connection, closeSent, giveUp);
    }

    private async Task<ScenarioResult> ReadToCloseAsync(ScenarioContext context, FaultConnection connection, long closeSent, long giveUp)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var errorResponses = 0;
        var others = 0;
        TimeSpan? closeArrived = null;
        var ending = "still open";
        while (true)
        {
            var read = connection.ReceiveAsync();
            if (!await CompletesByAsync(read, giveUp))
            {
                break;
            }
            var outcome = await read;
            if (outcome == ReceiveOutcome.Close)
            {
                closeArrived = Stopwatch.GetElapsedTime(closeSent);
                ending = "close frame";
                break;
            }
            if (outcome == ReceiveOutcome.Failed)
            {
                ending = "aborted without a close frame";
                break;
            }
            var message = EnvelopeSummary.Read(connection.Message);
            if (message.Id is { } id && IsRequestId(id) && answered.Add(id))
            {
                errorResponses += message.Type == "error-response" ? 1 : 0;
            }
            else
            {
                others++;
            }
        }
        var rss = await context.EndAsync();
        var passed = answered.Count == Requests + 1 && closeArrived <= Limit(context.Options);
        var detail = $"{answered.Count}/{Requests + 1} requests answered ({errorResponses} with error-response), {others} other messages; " +
            $"ended by {ending} after {Seconds(closeArrived ?? connection.ReleasedSince(closeSent))}";
        return new ScenarioResult(
            Name, Expectation(context.Options), rss.BaselineMiB, rss.PeakMiB, rss.AfterMiB, 1, connection.IsReleased ? 1 : 0,
            (closeArrived ?? connection.ReleasedSince(closeSent))?.TotalSeconds, passed, detail);
    }

    private async Task<ScenarioResult> AwaitReleaseAsync(ScenarioContext context, FaultConnection connection, long closeSent, long giveUp)
    {
        await CompletesByAsync(connection.Released, giveUp);
        var released = connection.ReleasedSince(closeSent);
        var releasedBy = connection.ReleasedBy;
        var rss = await context.EndAsync();
        var detail = (released is null ? $"not released within {Seconds(Limit(context.Options) + Overrun)}" : $"released after {Seconds(released)} ({releasedBy})") +
            (context.TcpWatchWorks ? "" : "; TCP watch unavailable: a non-reading client cannot see the release");
        return new ScenarioResult(
            Name, Expectation(context.Options), rss.BaselineMiB, rss.PeakMiB, rss.AfterMiB, 1, released is null ? 0 : 1,
            released?.TotalSeconds, released <= Limit(context.Options), detail);
    }

    private static bool IsRequestId(string id) =>
        id == UpdateId || (id.Length > 1 && id[0] == 'g' && int.TryParse(id.AsSpan(1), out var n) && n is >= 0 and < Requests);

    private static TimeSpan Limit(FaultTestOptions options) => options.SendTimeout + FaultTestOptions.Slack;
}
