using System.Collections;
using System.Text.Json;

namespace Rtvi;

/// <summary>
/// An action's arguments as sent: a name → JSON value map in order of first appearance, where a later duplicate
/// name replaces the earlier value. Actions may take this type to receive everything unchecked.
/// </summary>
/// <remarks>
/// The arguments of an <c>action</c> request are read in place from the request's bytes: they, and every
/// <see cref="JsonElement"/> taken from them, are valid until the handler's task completes. A handler that keeps a value
/// beyond that keeps a copy (<see cref="JsonElement.Clone"/>, or the bound C# value).
/// </remarks>
public sealed class RtviArguments : IReadOnlyCollection<KeyValuePair<string, JsonElement>>
{
    /// <summary>Name/value pairs, when built from pairs; otherwise computed from <see cref="_list"/> when enumerated.</summary>
    private List<KeyValuePair<string, JsonElement>>? _items;

    /// <summary>A request's <c>[{name, value}]</c> array (entries checked by the reader), or Undefined for none.</summary>
    private readonly JsonElement _list;

    /// <summary>The document <see cref="_list"/> lives in, released by <see cref="Release"/>.</summary>
    private JsonDocument? _owner;

    /// <summary>An empty argument map.</summary>
    public static RtviArguments Empty { get; } = new([]);

    internal RtviArguments(List<KeyValuePair<string, JsonElement>> items) => _items = items;

    private RtviArguments(JsonElement list, JsonDocument owner)
    {
        _list = list;
        _owner = owner;
    }

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

    /// <summary>A map read in place from a checked <c>[{name, value}]</c> array (or Undefined) of <paramref name="owner"/>.</summary>
    internal static RtviArguments FromList(JsonElement list, JsonDocument owner) => new(list, owner);

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
    public int Count => Items.Count;

    /// <summary>Looks up an argument by its wire name.</summary>
    public bool TryGetValue(string name, out JsonElement value)
    {
        if (_items is null)
        {
            return TryGetFromList(name, out value);
        }
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
        foreach (var (name, value) in Items)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => Items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The handler is done: the request's document goes back to the pool, and the values with it.</summary>
    internal void Release() => Interlocked.Exchange(ref _owner, null)?.Dispose();

    private List<KeyValuePair<string, JsonElement>> Items
    {
        get
        {
            if (_items is null)
            {
                var items = new List<KeyValuePair<string, JsonElement>>();
                if (_list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var argument in _list.EnumerateArray())
                    {
                        Set(items, argument.GetProperty("name"u8).GetString()!, argument.GetProperty("value"u8));
                    }
                }
                _items = items;
            }
            return _items;
        }
    }

    /// <summary>The last entry named <paramref name="name"/>, compared in place (no strings are built).</summary>
    private bool TryGetFromList(string name, out JsonElement value)
    {
        value = default;
        if (_list.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        var found = false;
        foreach (var argument in _list.EnumerateArray())
        {
            if (argument.GetProperty("name"u8).ValueEquals(name))
            {
                value = argument.GetProperty("value"u8);
                found = true;
            }
        }
        return found;
    }
}
