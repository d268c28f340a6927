namespace Rtvi.LoadTest;

/// <summary>One mode run against one target; latencies in milliseconds, RSS in KiB (idle mode only).</summary>
internal sealed record RunResult(
    string Target, string Mode, string Framing, int Sessions, long RoundTrips, double Seconds, double PerSecond,
    double P50, double P99, double Max, long? RssBeforeKiB, long? RssAfterKiB, double? RssKiBPerSession, int Failures)
{
    public static RunResult From(string target, LoadOptions options, List<double> latencies, double seconds, int failures)
    {
        latencies.Sort();
        double At(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
        return new(target, options.Mode, options.Framing, options.Clients, latencies.Count, seconds, latencies.Count / seconds,
            At(0.50), At(0.99), latencies.Count == 0 ? double.NaN : latencies[^1], null, null, null, failures);
    }

    public override string ToString() => RssKiBPerSession is { } perSession
        ? $"{Target,-6} {Mode} {Framing}: {Sessions} sessions, RSS {RssBeforeKiB} → {RssAfterKiB} KiB, {perSession:F1} KiB/session, failures {Failures}"
        : $"{Target,-6} {Mode} {Framing}: {Sessions} sessions, {RoundTrips} round trips in {Seconds:F2} s = {PerSecond:F0}/s, " +
          $"p50 {P50:F2} ms, p99 {P99:F2} ms, max {Max:F2} ms, failures {Failures}";
}
