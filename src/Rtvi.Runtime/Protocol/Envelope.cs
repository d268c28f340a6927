using System.Text.Json;
using System.Text.Unicode;

namespace Rtvi.Protocol;

/// <summary>The outcome of reading an inbound envelope.</summary>
internal enum EnvelopeStatus
{
    Valid,
    /// <summary>Not JSON at all.</summary>
    Malformed,
    /// <summary>JSON, but not an object or not labelled "rtvi-ai": silently ignored.</summary>
    NotRtvi,
    /// <summary>An RTVI envelope with a bad type, id or data member: answered with the <c>error</c> event.</summary>
    Invalid,
    /// <summary>A valid type and id, but <c>data</c> holds text that is not a string (a lone surrogate, invalid UTF-8).</summary>
    InvalidData,
}

/// <summary>A read envelope: type, id, and the byte range of <c>data</c> inside the message.</summary>
internal readonly record struct Envelope(EnvelopeStatus Status, string? Type, string? Id, int DataStart, int DataLength, string? Problem)
{
    public bool HasData => DataLength > 0;

    public ReadOnlyMemory<byte> Data(ReadOnlyMemory<byte> message) => message.Slice(DataStart, DataLength);

    public static Envelope Malformed(string problem) => new(EnvelopeStatus.Malformed, null, null, 0, 0, problem);
}

/// <summary>
/// Reads the top level of an RTVI envelope with <see cref="Utf8JsonReader"/> in one pass: no allocation beyond the type
/// and id strings; <c>data</c> is located, not parsed, and every string in it is checked to be text, so that nothing
/// downstream meets a lone surrogate escape or invalid UTF-8. Hostile input never throws: every failure is a status.
/// </summary>
internal static class EnvelopeReader
{
    private static ReadOnlySpan<byte> LabelName => "label"u8;
    private static ReadOnlySpan<byte> TypeName => "type"u8;
    private static ReadOnlySpan<byte> IdName => "id"u8;
    private static ReadOnlySpan<byte> DataName => "data"u8;
    private static ReadOnlySpan<byte> LabelValue => "rtvi-ai"u8;

    /// <summary>The deepest nesting accepted anywhere in a message.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonReaderOptions s_options = new() { MaxDepth = MaxDepth };

    public static Envelope Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return ReadCore(json);
        }
        catch (JsonException)
        {
            return Envelope.Malformed("malformed JSON");
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader reports text it cannot transcode this way; no valid envelope gets here.
            return Envelope.Malformed("invalid text");
        }
    }

    private static Envelope ReadCore(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, s_options);
        if (!reader.Read())
        {
            return Envelope.Malformed("malformed JSON");
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // Validate the rest so that malformed input is told apart from a well-formed non-object.
            reader.Skip();
            EnsureEnd(ref reader);
            return new(EnvelopeStatus.NotRtvi, null, null, 0, 0, null);
        }

        bool labelOk = false, typePresent = false, idPresent = false, dataText = true;
        string? type = null, id = null, problem = null;
        int dataStart = 0, dataLength = 0;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(LabelName))
            {
                reader.Read();
                labelOk = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(LabelValue);
                reader.Skip();
            }
            else if (reader.ValueTextEquals(TypeName))
            {
                reader.Read();
                typePresent = true;
                type = ReadText(ref reader);
            }
            else if (reader.ValueTextEquals(IdName))
            {
                reader.Read();
                idPresent = true;
                id = ReadText(ref reader);
            }
            else if (reader.ValueTextEquals(DataName))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    dataText = SkipCheckingText(ref reader);
                    dataStart = start;
                    dataLength = (int)reader.BytesConsumed - start;
                    problem = null;
                }
                else
                {
                    dataStart = dataLength = 0;
                    dataText = true;
                    problem = reader.TokenType == JsonTokenType.Null ? null : "'data' must be an object";
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        EnsureEnd(ref reader);

        if (!labelOk)
        {
            return new(EnvelopeStatus.NotRtvi, null, null, 0, 0, null);
        }
        if (type is null)
        {
            return new(EnvelopeStatus.Invalid, null, id, 0, 0, typePresent ? "'type' must be a string" : "'type' is required");
        }
        if (id is null)
        {
            return new(EnvelopeStatus.Invalid, type, null, 0, 0, idPresent ? "'id' must be a string" : "'id' is required");
        }
        if (problem is not null)
        {
            return new(EnvelopeStatus.Invalid, type, id, 0, 0, problem);
        }
        if (!dataText)
        {
            return new(EnvelopeStatus.InvalidData, type, id, 0, 0, "'data' holds a string that is not valid text");
        }
        return new(EnvelopeStatus.Valid, type, id, dataStart, dataLength, null);
    }

    /// <summary>The current token as a string: null when it is not a string or not valid text.</summary>
    private static string? ReadText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }
        return IsText(ref reader) ? reader.GetString() : null;
    }

    /// <summary>Skips the object the reader is on, checking that every property name and string in it is valid text.</summary>
    private static bool SkipCheckingText(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        var text = true;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (text && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                text = IsText(ref reader);
            }
        }
        return text;
    }

    /// <summary>
    /// Whether a string token is text: unescaped, it must be valid UTF-8 (checked vectorized); escaped, it must
    /// also decode to valid UTF-16 (no lone surrogate escape), which only decoding tells.
    /// </summary>
    private static bool IsText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Utf8.IsValid(reader.ValueSpan);
        }
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        // Utf8JsonReader throws on trailing garbage when reading past the root value.
        while (reader.Read())
        {
        }
    }
}
