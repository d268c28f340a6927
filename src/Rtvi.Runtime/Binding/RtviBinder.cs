using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Rtvi;

/// <summary>
/// Reflection-free conversions from wire JSON to C# values, used by generated binders and manual registrations.
/// Every failure throws <see cref="RtviBindingException"/> with a fixed text naming the value, never echoing it.
/// </summary>
public static class RtviBinder
{
    /// <summary>The argument named <paramref name="name"/>, or a binding error when it is missing.</summary>
    public static JsonElement Required(RtviArguments arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? value : throw new RtviBindingException($"missing required argument '{name}'");

    /// <summary>Whether <paramref name="value"/> is JSON null (or absent).</summary>
    public static bool IsNull(JsonElement value) => value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    /// <summary>A JSON boolean.</summary>
    public static bool GetBoolean(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw WrongType(name, "a bool"),
    };

    /// <summary>A JSON string.</summary>
    public static string GetString(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongType(name, "a string");

    /// <summary>A JSON number as <see cref="int"/>.</summary>
    public static int GetInt32(JsonElement value, string name) => Number(value, name).TryGetInt32(out var v) ? v : throw OutOfRange(name);
    /// <summary>A JSON number as <see cref="long"/>.</summary>
    public static long GetInt64(JsonElement value, string name) => Number(value, name).TryGetInt64(out var v) ? v : throw OutOfRange(name);
    /// <summary>A JSON number as <see cref="short"/>.</summary>
    public static short GetInt16(JsonElement value, string name) => Number(value, name).TryGetInt16(out var v) ? v : throw OutOfRange(name);
    /// <summary>A JSON number as <see cref="sbyte"/>.</summary>
    public static sbyte GetSByte(JsonElement value, string name) => Number(value, name).TryGetSByte(out var v) ? v : throw OutOfRange(name);
    /// <summary>A JSON number as <see cref="byte"/>.</summary>
    public static byte GetByte(JsonElement value, string name) => Number(value, name).TryGetByte(out var v) ? v : throw OutOfRange(name);
    /// <summary>A JSON number as <see cref="ushort"/>.</summary>
    public static ushort GetUInt16(JsonElement value, string name) => Number(value, name).TryGetUInt16(out var v) ? v : throw OutOfRange(name);
    /// <summary>A JSON number as <see cref="uint"/>.</summary>
    public static uint GetUInt32(JsonElement value, string name) => Number(value, name).TryGetUInt32(out var v) ? v : throw OutOfRange(name);
    /// <summary>A JSON number as <see cref="ulong"/>.</summary>
    public static ulong GetUInt64(JsonElement value, string name) => Number(value, name).TryGetUInt64(out var v) ? v : throw OutOfRange(name);
    /// <summary>A JSON number as <see cref="double"/>.</summary>
    public static double GetDouble(JsonElement value, string name) => Number(value, name).TryGetDouble(out var v) ? v : throw OutOfRange(name);
    /// <summary>A JSON number as <see cref="float"/>.</summary>
    public static float GetSingle(JsonElement value, string name) => Number(value, name).TryGetSingle(out var v) && float.IsFinite(v) ? v : throw OutOfRange(name);
    /// <summary>A JSON number as <see cref="decimal"/>.</summary>
    public static decimal GetDecimal(JsonElement value, string name) => Number(value, name).TryGetDecimal(out var v) ? v : throw OutOfRange(name);

    /// <summary>A JSON string holding a <see cref="Guid"/>.</summary>
    public static Guid GetGuid(JsonElement value, string name) =>
        Guid.TryParse(GetString(value, name), out var v) ? v : throw new RtviBindingException($"'{name}' must be a GUID string");

    /// <summary>A JSON string holding an ISO 8601 date and time.</summary>
    public static DateTime GetDateTime(JsonElement value, string name) =>
        DateTime.TryParse(GetString(value, name), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var v)
            ? v : throw new RtviBindingException($"'{name}' must be an ISO 8601 date-time string");

    /// <summary>A JSON string holding an ISO 8601 date and time with offset.</summary>
    public static DateTimeOffset GetDateTimeOffset(JsonElement value, string name) =>
        DateTimeOffset.TryParse(GetString(value, name), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var v)
            ? v : throw new RtviBindingException($"'{name}' must be an ISO 8601 date-time string");

    /// <summary>A JSON string naming a member of <typeparamref name="TEnum"/> (case-insensitive).</summary>
    public static TEnum GetEnum<TEnum>(JsonElement value, string name) where TEnum : struct, Enum
    {
        var text = GetString(value, name);
        if (text.Length > 0 && !char.IsAsciiDigit(text[0]) && text[0] != '-' &&
            Enum.TryParse<TEnum>(text, ignoreCase: true, out var result) && Enum.IsDefined(result))
        {
            return result;
        }
        throw new RtviBindingException($"'{name}' must be one of: {string.Join(", ", Enum.GetNames<TEnum>())}");
    }

    /// <summary>The JSON value itself (cloned, so it outlives the message).</summary>
    public static JsonElement GetElement(JsonElement value, string name) => value.Clone();

    /// <summary>A JSON array whose items convert with <paramref name="item"/>.</summary>
    public static T[] GetArray<T>(JsonElement value, string name, Func<JsonElement, string, T> item)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(name, "an array");
        }
        var result = new T[value.GetArrayLength()];
        var i = 0;
        foreach (var element in value.EnumerateArray())
        {
            result[i] = item(element, name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
            i++;
        }
        return result;
    }

    /// <summary>A JSON array as a list whose items convert with <paramref name="item"/>.</summary>
    public static List<T> GetList<T>(JsonElement value, string name, Func<JsonElement, string, T> item) => [.. GetArray(value, name, item)];

    /// <summary>A complex value deserialized with source-generated metadata (no reflection).</summary>
    public static T GetJson<T>(JsonElement value, string name, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        T? result;
        try
        {
            result = value.Deserialize(typeInfo);
        }
        catch (JsonException)
        {
            throw new RtviBindingException($"'{name}' does not match the expected shape");
        }
        catch (NotSupportedException)
        {
            throw new RtviBindingException($"'{name}' does not match the expected shape");
        }
        return result ?? throw new RtviBindingException($"'{name}' must not be null");
    }

    private static JsonElement Number(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number ? value : throw WrongType(name, "a number");

    private static RtviBindingException WrongType(string name, string expected) => new($"'{name}' must be {expected}");

    private static RtviBindingException OutOfRange(string name) => new($"'{name}' is out of range");
}
