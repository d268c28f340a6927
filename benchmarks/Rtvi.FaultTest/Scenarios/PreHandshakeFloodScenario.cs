using System.Diagnostics;

namespace Rtvi.FaultTest.Scenarios;

/// <summary>
/// Four clients that never send client-ready, each sending 64 ~900 KB test:echo actions (just under the 1 MiB message
/// limit) while reading whatever comes back. The server must end every one of them and keep its memory bounded.
/// </summary>
internal sealed class PreHandshakeFloodScenario : Scenario
{
    private const int Clients = 4;
    private const int Messages = 64;
    private const int ValueBytes = 900 * 1024;
    private const double PeakAllowanceMiB = 100;

    public override string Name => "pre-handshake-flood";

    public override string Expectation(FaultTestOptions options) =>
        $"every connection closed by the server <= {Limit(options).TotalSeconds:F0} s after connecting; peak <= baseline + {PeakAllowanceMiB:F0} MiB";

    protected override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var connections = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => context.OpenAsync()));
        var floods = await Task.WhenAll(connections.Select(c => FloodAsync(c, context.Options)));

        var lifetimes = connections.Select(c => c.ReleasedSince(c.ConnectedAt)).ToArray();
        var releasedBy = connections.Select(c => c.ReleasedBy ?? "open").ToArray();
        var rss = await context.EndAsync();
        // Readers end with the release, or when EndAsync abandoned the connection.
        var reads = await Task.WhenAll(floods.Select(f => f.Reader));
        var released = lifetimes.Count(t => t is not null);
        var longest = released == Clients ? lifetimes.Max() : null;
        var passed = longest <= Limit(context.Options) && rss.WithinBaseline(rss.PeakMiB, PeakAllowanceMiB);
        var detail = $"messages written per connection: {string.Join(",", floods.Select(f => f.Sent))} of {Messages}; " +
            $"fatal error events: {reads.Sum(r => r.Fatal)}; other messages: {reads.Sum(r => r.Others)}; " +
            $"released {released}/{Clients} ({string.Join(", ", releasedBy.CountBy(b => b).Select(g => $"{g.Key} x{g.Value}"))}); " +
            $"longest lifetime {Seconds(longest)}";
        return new ScenarioResult(
            Name, Expectation(context.Options), rss.BaselineMiB, rss.PeakMiB, rss.AfterMiB, Clients, released,
            longest?.TotalSeconds, passed, detail);
    }

    private static async Task<Flood> FloodAsync(FaultConnection connection, FaultTestOptions options)
    {
        var giveUp = After(connection.ConnectedAt, Limit(options) + Overrun);
        var reader = ReadAsync(connection);
        var message = RtviMessages.EchoAction(ValueBytes);
        var sent = 0;
        for (; sent < Messages; sent++)
        {
            RtviMessages.SetEchoActionId(message, sent);
            if (await connection.SendAsync(message, Until(giveUp)) != SendOutcome.Sent)
            {
                // The buffer may still be in a pending send: it is not touched again.
                break;
            }
        }
        await CompletesByAsync(connection.Released, giveUp);
        return new Flood(sent, reader);
    }

    private static async Task<(int Fatal, int Others)> ReadAsync(FaultConnection connection)
    {
        int fatal = 0, others = 0;
        while (await connection.ReceiveAsync() == ReceiveOutcome.Message)
        {
            var message = EnvelopeSummary.Read(connection.Message);
            if (message.Type == RtviMessages.Error && message.Fatal)
            {
                fatal++;
            }
            else
            {
                others++;
            }
        }
        return (fatal, others);
    }

    private static TimeSpan Limit(FaultTestOptions options) => options.HandshakeTimeout + FaultTestOptions.Slack;

    private readonly record struct Flood(int Sent, Task<(int Fatal, int Others)> Reader);
}
