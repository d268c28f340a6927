namespace Rtvi.FaultTest.Scenarios;

/// <summary>Every scenario, in the order <c>--scenario all</c> runs them.</summary>
internal static class ScenarioCatalog
{
    public const string All = "all";

    private static readonly Scenario[] s_all =
    [
        new StalledReaderScenario(),
        new CloseFullInboxScenario(resumeReading: true),
        new CloseFullInboxScenario(resumeReading: false),
        new PreHandshakeFloodScenario(),
        new SilentConnectionsScenario(),
    ];

    public static bool IsKnown(string selector) => selector == All || s_all.Any(s => s.Selector == selector);

    public static IReadOnlyList<Scenario> Select(string selector) =>
        selector == All ? s_all : [.. s_all.Where(s => s.Selector == selector)];
}
