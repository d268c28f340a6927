namespace Rtvi.Tests.Telemetry;

/// <summary>The meter is process-wide: telemetry tests run alone, after the parallel ones, so counts are theirs.</summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;
