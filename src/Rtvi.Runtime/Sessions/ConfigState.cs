using System.Text.Json;
using Rtvi.Protocol;

namespace Rtvi.Sessions;

/// <summary>A bound option value, ready to apply.</summary>
internal readonly record struct BoundOption(RtviOptionDescriptor Descriptor, JsonElement Value, RtviOptionApply Apply);

/// <summary>
/// A session's config values behind one lock, so that <c>get-config</c>, <see cref="RtviSession.GetConfig"/> and the
/// writes of <c>update-config</c> never see each other half done; and the binding rules of option values.
/// </summary>
internal sealed class ConfigState(IEnumerable<RtviServiceConfig> initial) : IConfigValues
{
    private readonly Lock _lock = new();
    private ConfigStore _store = new(initial);

    public void WriteValues(Utf8JsonWriter writer)
    {
        lock (_lock)
        {
            _store.WriteTo(writer);
        }
    }

    public IReadOnlyList<RtviServiceConfig> Snapshot()
    {
        lock (_lock)
        {
            return _store.Snapshot();
        }
    }

    public List<(string Service, string Option, JsonElement Value)> Values()
    {
        lock (_lock)
        {
            return [.. _store.All()];
        }
    }

    /// <summary>Replaces every value (a session's initial config, before bot-ready).</summary>
    public void Reset(IEnumerable<RtviServiceConfig> values)
    {
        var store = new ConfigStore(values);
        lock (_lock)
        {
            _store = store;
        }
    }

    public void Set(string service, string option, JsonElement value)
    {
        lock (_lock)
        {
            _store.Set(service, option, value);
        }
    }

    /// <summary>Validates and binds every value of an <c>update-config</c> before anything runs: one failure binds nothing.</summary>
    public static List<BoundOption> Bind(RtviRegistry registry, UpdateConfigRequest request)
    {
        var bound = new List<BoundOption>();
        foreach (var entry in request.Entries)
        {
            var service = registry.FindService(entry.Service)
                ?? throw new PayloadException($"unknown service '{RtviErrorText.Echo(entry.Service)}'");
            foreach (var value in entry.Values)
            {
                var descriptor = service.FindOption(value.Option)
                    ?? throw new PayloadException($"unknown option '{service.Name}.{RtviErrorText.Echo(value.Option)}'");
                bound.Add(Bind(descriptor, value.Value));
            }
        }
        return bound;
    }

    /// <summary>Checks <paramref name="value"/> against the option's wire type and binds it with the option's binder.</summary>
    public static BoundOption Bind(RtviOptionDescriptor descriptor, JsonElement value)
    {
        if (!descriptor.Type.Accepts(value.ValueKind))
        {
            throw new PayloadException($"'{descriptor.Service}.{descriptor.Name}' must be {Article(descriptor.Type)}");
        }
        try
        {
            return new(descriptor, value, descriptor.Binder(value));
        }
        catch (RtviBindingException exception)
        {
            throw new PayloadException(exception.Message);
        }
    }

    private static string Article(RtviWireType type) => type switch
    {
        RtviWireType.Array or RtviWireType.Object => "an " + type.ToWireString(),
        _ => "a " + type.ToWireString(),
    };
}
