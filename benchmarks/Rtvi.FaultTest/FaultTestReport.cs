namespace Rtvi.FaultTest;

/// <summary>The whole run, as written by <c>--json</c>.</summary>
internal sealed record FaultTestReport(
    string Url,
    int Pid,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    bool Passed,
    ScenarioResult[] Scenarios);
