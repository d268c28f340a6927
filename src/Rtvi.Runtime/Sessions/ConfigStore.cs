using System.Text.Json;

namespace Rtvi.Sessions;

/// <summary>
/// A session's current config values: services in first-seen order, options in first-set order. A value set for a
/// service absent from the initial config is still recorded (a new entry is appended), unlike the reference.
/// </summary>
internal sealed class ConfigStore
{
    private readonly List<(string Service, List<(string Name, JsonElement Value)> Options)> _entries = [];

    public ConfigStore(IEnumerable<RtviServiceConfig> initial)
    {
        foreach (var service in initial)
        {
            foreach (var option in service.Options)
            {
                Set(service.Service, option.Name, option.Value.Clone());
            }
            if (service.Options.Count == 0)
            {
                Entry(service.Service);
            }
        }
    }

    public IEnumerable<(string Service, string Option, JsonElement Value)> All()
    {
        foreach (var (service, options) in _entries)
        {
            foreach (var (name, value) in options)
            {
                yield return (service, name, value);
            }
        }
    }

    public void Set(string service, string option, JsonElement value)
    {
        var options = Entry(service);
        for (var i = 0; i < options.Count; i++)
        {
            if (options[i].Name == option)
            {
                options[i] = (option, value);
                return;
            }
        }
        options.Add((option, value));
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var (service, options) in _entries)
        {
            writer.WriteStartObject();
            writer.WriteString("service"u8, service);
            writer.WriteStartArray("options"u8);
            foreach (var (name, value) in options)
            {
                writer.WriteStartObject();
                writer.WriteString("name"u8, name);
                if (value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                {
                    writer.WritePropertyName("value"u8);
                    value.WriteTo(writer);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    public IReadOnlyList<RtviServiceConfig> Snapshot() =>
        [.. _entries.Select(e => new RtviServiceConfig(e.Service, [.. e.Options.Select(o => new RtviOptionValue(o.Name, o.Value))]))];

    private List<(string Name, JsonElement Value)> Entry(string service)
    {
        foreach (var entry in _entries)
        {
            if (entry.Service == service)
            {
                return entry.Options;
            }
        }
        var options = new List<(string Name, JsonElement Value)>();
        _entries.Add((service, options));
        return options;
    }
}
