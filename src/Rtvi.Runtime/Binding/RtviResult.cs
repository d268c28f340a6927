using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Rtvi;

/// <summary>
/// The value a handler produces for the wire: an action's <c>result</c> or a <c>server-response</c>'s <c>d</c>.
/// Created by generated binders without reflection; complex values are serialized through <see cref="JsonTypeInfo{T}"/>.
/// </summary>
public readonly struct RtviResult
{
    private enum Kind : byte { None, Null, True, False, Int64, Double, Decimal, String, Utf8Json, Element, Arguments }

    private readonly Kind _kind;
    private readonly long _int64;
    private readonly double _double;
    private readonly decimal _decimal;
    private readonly object? _ref;

    private RtviResult(Kind kind, long i = 0, double d = 0, decimal m = 0, object? r = null)
    {
        _kind = kind; _int64 = i; _double = d; _decimal = m; _ref = r;
    }

    /// <summary>No value: the member is omitted from the message.</summary>
    public static RtviResult None => default;
    /// <summary>JSON <c>null</c> (omitted on the wire, since null members are never sent).</summary>
    public static RtviResult Null => new(Kind.Null);
    /// <summary>Whether this result carries no value.</summary>
    public bool IsNone => _kind is Kind.None or Kind.Null;

    /// <summary>A JSON boolean.</summary>
    public static RtviResult FromBoolean(bool value) => new(value ? Kind.True : Kind.False);
    /// <summary>A JSON integer.</summary>
    public static RtviResult FromInt64(long value) => new(Kind.Int64, i: value);
    /// <summary>A JSON number.</summary>
    public static RtviResult FromDouble(double value) => new(Kind.Double, d: value);
    /// <summary>A JSON number with decimal precision.</summary>
    public static RtviResult FromDecimal(decimal value) => new(Kind.Decimal, m: value);
    /// <summary>A JSON string (null → <see cref="Null"/>).</summary>
    public static RtviResult FromString(string? value) => value is null ? Null : new(Kind.String, r: value);
    /// <summary>A JSON value copied from an element.</summary>
    public static RtviResult FromElement(JsonElement value) =>
        value.ValueKind is JsonValueKind.Undefined ? None : value.ValueKind is JsonValueKind.Null ? Null : new(Kind.Element, r: value.Clone());
    /// <summary>Pre-serialized UTF-8 JSON (must be one complete, valid JSON value).</summary>
    public static RtviResult FromUtf8Json(ReadOnlyMemory<byte> json) => new(Kind.Utf8Json, r: json.ToArray());
    /// <summary>The raw argument map of an action, as an object.</summary>
    public static RtviResult FromArguments(RtviArguments arguments) => new(Kind.Arguments, r: arguments);

    /// <summary>A complex value serialized with source-generated metadata (no reflection).</summary>
    public static RtviResult FromJson<T>(T? value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return value is null ? Null : new(Kind.Utf8Json, r: JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
    }

    /// <summary>Writes the value to <paramref name="writer"/>; must not be called on <see cref="IsNone"/> results.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        switch (_kind)
        {
            case Kind.True: writer.WriteBooleanValue(true); break;
            case Kind.False: writer.WriteBooleanValue(false); break;
            case Kind.Int64: writer.WriteNumberValue(_int64); break;
            case Kind.Double: writer.WriteNumberValue(_double); break;
            case Kind.Decimal: writer.WriteNumberValue(_decimal); break;
            case Kind.String: writer.WriteStringValue((string)_ref!); break;
            case Kind.Utf8Json: writer.WriteRawValue((byte[])_ref!, skipInputValidation: false); break;
            case Kind.Element: ((JsonElement)_ref!).WriteTo(writer); break;
            case Kind.Arguments: ((RtviArguments)_ref!).WriteTo(writer); break;
            default: writer.WriteNullValue(); break;
        }
    }
}
