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

    public static JsonElement RequireObject(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object ? value
        : throw new PayloadException(value.ValueKind == JsonValueKind.Undefined ? $"'{name}' is required" : $"'{name}' must be an object");

    public static JsonElement RequireArray(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Array ? value
        : throw new PayloadException(value.ValueKind == JsonValueKind.Undefined ? $"'{name}' is required" : $"'{name}' must be an array");

    public static string RequireString(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()!
        : throw new PayloadException(value.ValueKind == JsonValueKind.Undefined ? $"'{name}' is required" : $"'{name}' must be a string");

    public static string? OptionalString(JsonElement value, string name) =>
        value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : RequireString(value, name);

    public static JsonElement RequirePresent(JsonElement value, string name) =>
        value.ValueKind != JsonValueKind.Undefined ? value : throw new PayloadException($"'{name}' is required");

    public static int RequireInt32(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i
        : throw new PayloadException(value.ValueKind == JsonValueKind.Undefined ? $"'{name}' is required" : $"'{name}' must be an integer");

    public static long RequireInt64(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var i) ? i
        : throw new PayloadException(value.ValueKind == JsonValueKind.Undefined ? $"'{name}' is required" : $"'{name}' must be an integer");

    /// <summary>An optional integer member: absent is fine, anything but an integer is not.</summary>
    public static void OptionalInt64(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Undefined)
        {
            RequireInt64(value, name);
        }
    }

    /// <summary>A bool read leniently, as the reference does: JSON booleans, 0/1 and the strings "true"/"false" (any case).</summary>
    public static bool OptionalBool(JsonElement value, string name, bool defaultValue)
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
