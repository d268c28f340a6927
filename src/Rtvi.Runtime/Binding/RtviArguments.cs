using System.Collections;
using System.Text.Json;

namespace Rtvi;

/// <summary>
/// An action's arguments as sent: a name → JSON value map in order of first appearance, where a later duplicate
/// name replaces the earlier value. Actions may take this type to receive everything unchecked.
/// </summary>
public sealed class RtviArguments : IReadOnlyCollection<KeyValuePair<string, JsonElement>>
{
    private readonly List<KeyValuePair<string, JsonElement>> _items;

    /// <summary>An empty argument map.</summary>
    public static RtviArguments Empty { get; } = new([]);

    internal RtviArguments(List<KeyValuePair<string, JsonElement>> items) => _items = items;

    /// <summary>Creates a map from name/value pairs (later duplicates win). Values are cloned.</summary>
    public static RtviArguments Create(IEnumerable<KeyValuePair<string, JsonElement>> pairs)
    {
        var items = new List<KeyValuePair<string, JsonElement>>();
        foreach (var (name, value) in pairs)
        {
            Set(items, name, value.Clone());
        }
        return new RtviArguments(items);
    }

    internal static void Set(List<KeyValuePair<string, JsonElement>> items, string name, JsonElement value)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Key == name)
            {
                items[i] = new(name, value);
                return;
            }
        }
        items.Add(new(name, value));
    }

    /// <summary>The number of distinct argument names.</summary>
    public int Count => _items.Count;

    /// <summary>Looks up an argument by its wire name.</summary>
    public bool TryGetValue(string name, out JsonElement value)
    {
        foreach (var item in _items)
        {
            if (item.Key == name)
            {
                value = item.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>Writes the map as a JSON object.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in _items)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
