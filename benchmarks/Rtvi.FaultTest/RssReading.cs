namespace Rtvi.FaultTest;

/// <summary>Server RSS in MiB around one scenario; a null is a sample that found no process.</summary>
internal readonly record struct RssReading(double? BaselineMiB, double? PeakMiB, double? AfterMiB)
{
    /// <summary>True when both values are known and <paramref name="value"/> is at most baseline + <paramref name="allowanceMiB"/>.</summary>
    public bool WithinBaseline(double? value, double allowanceMiB) => value is { } v && BaselineMiB is { } b && v <= b + allowanceMiB;
}
