using System.Globalization;
using System.Text.Json;

namespace Rtvi.Protocol;

/// <summary>A payload that fails validation; the processor answers "Invalid message: " + <see cref="Exception.Message"/>.</summary>
internal sealed class PayloadException(string reason) : Exception(reason);

/// <summary>
/// Validating accessors for request payloads. Messages name the member, never its value. Strings are known to be valid
/// text: <see cref="EnvelopeReader"/> rejects a message whose <c>data</c> holds anything else.
/// </summary>
internal static class PayloadReader
{
    public static JsonElement Member(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? value : default;

    public static JsonElement RequireObject(JsonElement value, PayloadPath name) =>
        value.ValueKind == JsonValueKind.Object ? value
        : throw new PayloadException(value.ValueKind == JsonValueKind.Undefined ? $"'{name}' is required" : $"'{name}' must be an object");

    public static JsonElement RequireArray(JsonElement value, PayloadPath name) =>
        value.ValueKind == JsonValueKind.Array ? value
        : throw new PayloadException(value.ValueKind == JsonValueKind.Undefined ? $"'{name}' is required" : $"'{name}' must be an array");

    public static string RequireString(JsonElement value, PayloadPath name) => RequireStringValue(value, name).GetString()!;

    /// <summary>Checks that <paramref name="value"/> is a JSON string without reading it into one.</summary>
    public static JsonElement RequireStringValue(JsonElement value, PayloadPath name) =>
        value.ValueKind == JsonValueKind.String ? value
        : throw new PayloadException(value.ValueKind == JsonValueKind.Undefined ? $"'{name}' is required" : $"'{name}' must be a string");

    public static string? OptionalString(JsonElement value, PayloadPath name) =>
        value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : RequireString(value, name);

    public static JsonElement RequirePresent(JsonElement value, PayloadPath name) =>
        value.ValueKind != JsonValueKind.Undefined ? value : throw new PayloadException($"'{name}' is required");

    public static int RequireInt32(JsonElement value, PayloadPath name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i
        : throw new PayloadException(value.ValueKind == JsonValueKind.Undefined ? $"'{name}' is required" : $"'{name}' must be an integer");

    public static long RequireInt64(JsonElement value, PayloadPath name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var i) ? i
        : throw new PayloadException(value.ValueKind == JsonValueKind.Undefined ? $"'{name}' is required" : $"'{name}' must be an integer");

    /// <summary>An optional integer member: absent is fine, anything but an integer is not.</summary>
    public static void OptionalInt64(JsonElement value, PayloadPath name)
    {
        if (value.ValueKind != JsonValueKind.Undefined)
        {
            RequireInt64(value, name);
        }
    }

    /// <summary>A bool read leniently, as the reference does: JSON booleans, 0/1 and the strings "true"/"false" (any case).</summary>
    public static bool OptionalBool(JsonElement value, PayloadPath name, bool defaultValue)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null: return defaultValue;
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Number when value.TryGetInt32(out var n) && n is 0 or 1: return n == 1;
            case JsonValueKind.String:
                var text = value.GetString()!.Trim().ToLowerInvariant();
                if (text is "true" or "1" or "yes" or "on") return true;
                if (text is "false" or "0" or "no" or "off") return false;
                break;
        }
        throw new PayloadException($"'{name}' must be a bool");
    }

    public static string Indexed(string name, int index) => name + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}

/// <summary>
/// A member's path for error messages (<c>config[0].options[1].name</c>), kept as parts and formatted only when a
/// message needs it, so that reading a valid request builds no strings.
/// </summary>
internal readonly record struct PayloadPath(string Head, int Index = -1, string? Middle = null, int Inner = -1, string? Tail = null)
{
    public static implicit operator PayloadPath(string name) => new(name);

    /// <summary>This path followed by <paramref name="tail"/> (<c>.name</c>); the path must not have a tail yet.</summary>
    public PayloadPath Then(string tail) => this with { Tail = tail };

    /// <summary>This path's member <paramref name="middle"/> at <paramref name="inner"/> (<c>.options[1]</c>).</summary>
    public PayloadPath ThenAt(string middle, int inner) => this with { Middle = middle, Inner = inner };

    public override string ToString()
    {
        var text = Head;
        if (Index >= 0)
        {
            text = PayloadReader.Indexed(text, Index);
        }
        if (Middle is not null)
        {
            text += Middle;
            if (Inner >= 0)
            {
                text = PayloadReader.Indexed(text, Inner);
            }
        }
        return Tail is null ? text : text + Tail;
    }
}
