namespace Rtvi.FaultTest;

/// <summary>One scenario's measurements and verdict (also the JSON report's row).</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Expectation">What had to hold for <paramref name="Passed"/>.</param>
/// <param name="BaselineMiB">Server RSS just before the scenario.</param>
/// <param name="PeakMiB">Highest server RSS sampled during the scenario.</param>
/// <param name="AfterMiB">Server RSS after the connections were released and the settle time passed.</param>
/// <param name="Connections">Connections the scenario opened.</param>
/// <param name="ReleasedByServer">Connections the server closed or aborted (the client never ended them).</param>
/// <param name="ReleaseSeconds">The scenario's headline time to release (see <paramref name="Detail"/>); null if never released.</param>
/// <param name="Passed">Whether every expectation held.</param>
/// <param name="Detail">Counts and observations behind the verdict.</param>
internal sealed record ScenarioResult(
    string Scenario,
    string Expectation,
    double? BaselineMiB,
    double? PeakMiB,
    double? AfterMiB,
    int Connections,
    int ReleasedByServer,
    double? ReleaseSeconds,
    bool Passed,
    string Detail);
