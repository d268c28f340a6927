namespace Rtvi;

/// <summary>
/// The names under which the runtime publishes telemetry with <see cref="System.Diagnostics.Metrics.Meter"/> and
/// <see cref="System.Diagnostics.ActivitySource"/>: pass them to OpenTelemetry's <c>AddMeter</c> and <c>AddSource</c>.
/// Every instrument and span is listed in docs/telemetry.md.
/// </summary>
public static class RtviDiagnostics
{
    /// <summary>The meter's name: <c>"Rtvi"</c>.</summary>
    public const string MeterName = "Rtvi";

    /// <summary>The activity source's name: <c>"Rtvi"</c>.</summary>
    public const string ActivitySourceName = "Rtvi";
}
