using System.Diagnostics;
using System.Net.WebSockets;

namespace Rtvi.FaultTest.Scenarios;

/// <summary>
/// 300 clients that connect and send nothing (not even keep-alive pongs) while reading: the server must close every one
/// by its handshake deadline.
/// </summary>
internal sealed class SilentConnectionsScenario : Scenario
{
    private const int Clients = 300;
    private const int ConcurrentConnects = 32;

    public override string Name => "silent-connections";

    public override string Expectation(FaultTestOptions options) =>
        $"all {Clients} closed by the server <= {Limit(options).TotalSeconds:F0} s after connecting (handshake {options.HandshakeTimeout.TotalSeconds:F0} s + slack)";

    protected override async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var start = Stopwatch.GetTimestamp();
        using var throttle = new SemaphoreSlim(ConcurrentConnects);
        var clients = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => ConnectAndReadAsync(context, throttle)));
        var connections = clients.OfType<FaultConnection>().ToArray();
        var failedConnects = Clients - connections.Length;
        var giveUp = connections.Length == 0 ? start : After(connections.Max(c => c.ConnectedAt), Limit(context.Options) + Overrun);
        await CompletesByAsync(Task.WhenAll(connections.Select(c => c.Released)), giveUp);

        var lifetimes = connections.Select(c => c.ReleasedSince(c.ConnectedAt)).OfType<TimeSpan>().ToArray();
        var lastClose = connections.Select(c => c.ReleasedSince(start)).Max();
        var releasedBy = connections.Where(c => c.IsReleased).Select(c => c.ReleasedBy!).CountBy(b => b);
        var rss = await context.EndAsync();
        var longest = lifetimes.Length == 0 ? (TimeSpan?)null : lifetimes.Max();
        var passed = failedConnects == 0 && lifetimes.Length == Clients && longest <= Limit(context.Options);
        var detail = $"{lifetimes.Length}/{Clients} closed by the server" +
            (failedConnects > 0 ? $" ({failedConnects} connects failed)" : "") +
            $"; last close {Seconds(lastClose)} after the first connect; longest lifetime {Seconds(longest)}" +
            (lifetimes.Length > 0 ? $", shortest {Seconds(lifetimes.Min())}" : "") +
            (lifetimes.Length > 0 ? $" ({string.Join(", ", releasedBy.Select(g => $"{g.Key} x{g.Value}"))})" : "");
        return new ScenarioResult(
            Name, Expectation(context.Options), rss.BaselineMiB, rss.PeakMiB, rss.AfterMiB, context.Opened, lifetimes.Length,
            longest?.TotalSeconds, passed, detail);
    }

    /// <summary>Connects (at most <see cref="ConcurrentConnects"/> at once) and starts a reader; null if the connect failed.</summary>
    private static async Task<FaultConnection?> ConnectAndReadAsync(ScenarioContext context, SemaphoreSlim throttle)
    {
        await throttle.WaitAsync();
        FaultConnection connection;
        try
        {
            connection = await context.OpenAsync();
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException or OperationCanceledException)
        {
            return null;
        }
        finally
        {
            throttle.Release();
        }
        // The reader marks the release (close frame or failed read) and ends with it, or when the context abandons the connection.
        _ = DrainAsync(connection);
        return connection;
    }

    private static async Task DrainAsync(FaultConnection connection)
    {
        while (await connection.ReceiveAsync() == ReceiveOutcome.Message)
        {
        }
    }

    private static TimeSpan Limit(FaultTestOptions options) => options.HandshakeTimeout + FaultTestOptions.Slack;
}
