using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Rtvi.Tests.Telemetry;

/// <summary>One measurement of an "Rtvi" instrument, with its attributes.</summary>
internal sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value?.ToString() : null;
}

/// <summary>Listens to the "Rtvi" meter and activity source; spans are kept only for the trace of the test's root activity.</summary>
internal sealed class TelemetryRecorder : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly Activity _root;

    public TelemetryRecorder()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RtviDiagnostics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RtviDiagnostics.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == _root!.TraceId)
                {
                    Spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
        _root = new Activity("telemetry-test").SetIdFormat(ActivityIdFormat.W3C).Start();
    }

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    public ConcurrentQueue<Activity> Spans { get; } = new();

    /// <summary>The root activity, the parent of every session span started while it is current.</summary>
    public Activity Root => _root;

    public IEnumerable<Measurement> Of(string instrument) => Measurements.Where(m => m.Instrument == instrument);

    public double Sum(string instrument, string? tag = null, string? value = null) =>
        Of(instrument).Where(m => tag is null || m.Tag(tag) == value).Sum(m => m.Value);

    /// <summary>Collects the observable instruments now.</summary>
    public void Observe() => _meters.RecordObservableInstruments();

    public void Dispose()
    {
        _root.Stop();
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            map[tag.Key] = tag.Value;
        }
        Measurements.Enqueue(new Measurement(instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), map));
    }
}
