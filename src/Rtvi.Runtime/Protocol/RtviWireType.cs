namespace Rtvi;

/// <summary>The RTVI type vocabulary used by option, argument and result descriptors.</summary>
public enum RtviWireType
{
    /// <summary><c>"bool"</c>: JSON <c>true</c>/<c>false</c>.</summary>
    Bool,
    /// <summary><c>"number"</c>: any JSON number.</summary>
    Number,
    /// <summary><c>"string"</c>: a JSON string.</summary>
    String,
    /// <summary><c>"array"</c>: a JSON array.</summary>
    Array,
    /// <summary><c>"object"</c>: a JSON object (or, for declared "any" values, any JSON).</summary>
    Object,
}

/// <summary>Helpers for <see cref="RtviWireType"/>.</summary>
public static class RtviWireTypes
{
    /// <summary>The wire spelling of <paramref name="type"/> (<c>bool</c>, <c>number</c>, <c>string</c>, <c>array</c>, <c>object</c>).</summary>
    public static string ToWireString(this RtviWireType type) => type switch
    {
        RtviWireType.Bool => "bool",
        RtviWireType.Number => "number",
        RtviWireType.String => "string",
        RtviWireType.Array => "array",
        RtviWireType.Object => "object",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Whether a JSON value of kind <paramref name="kind"/> is acceptable for <paramref name="type"/>. JSON null is accepted for every type.</summary>
    public static bool Accepts(this RtviWireType type, System.Text.Json.JsonValueKind kind) => kind switch
    {
        System.Text.Json.JsonValueKind.Null => true,
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => type == RtviWireType.Bool,
        System.Text.Json.JsonValueKind.Number => type == RtviWireType.Number,
        System.Text.Json.JsonValueKind.String => type == RtviWireType.String,
        System.Text.Json.JsonValueKind.Array => type == RtviWireType.Array,
        System.Text.Json.JsonValueKind.Object => type == RtviWireType.Object,
        _ => false,
    };
}
