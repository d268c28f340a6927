using System.Text.Json;

namespace Rtvi.Protocol;

/// <summary>The outcome of reading an inbound envelope.</summary>
internal enum EnvelopeStatus
{
    Valid,
    /// <summary>Not JSON at all.</summary>
    Malformed,
    /// <summary>JSON, but not an object or not labelled "rtvi-ai": silently ignored.</summary>
    NotRtvi,
    /// <summary>An RTVI envelope with a bad type, id or data member.</summary>
    Invalid,
}

/// <summary>A read envelope: type, id, and the byte range of <c>data</c> inside the message.</summary>
internal readonly record struct Envelope(EnvelopeStatus Status, string? Type, string? Id, int DataStart, int DataLength, string? Problem)
{
    public bool HasData => DataLength > 0;

    public ReadOnlyMemory<byte> Data(ReadOnlyMemory<byte> message) => message.Slice(DataStart, DataLength);
}

/// <summary>
/// Reads the top level of an RTVI envelope with <see cref="Utf8JsonReader"/>: no allocation beyond the type and id
/// strings, and <c>data</c> is located, not parsed.
/// </summary>
internal static class EnvelopeReader
{
    private static ReadOnlySpan<byte> LabelName => "label"u8;
    private static ReadOnlySpan<byte> TypeName => "type"u8;
    private static ReadOnlySpan<byte> IdName => "id"u8;
    private static ReadOnlySpan<byte> DataName => "data"u8;
    private static ReadOnlySpan<byte> LabelValue => "rtvi-ai"u8;

    private static readonly JsonReaderOptions s_options = new() { MaxDepth = 64 };

    public static Envelope Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return ReadCore(json);
        }
        catch (JsonException)
        {
            return new(EnvelopeStatus.Malformed, null, null, 0, 0, "malformed JSON");
        }
    }

    private static Envelope ReadCore(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, s_options);
        if (!reader.Read())
        {
            return new(EnvelopeStatus.Malformed, null, null, 0, 0, "malformed JSON");
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // Validate the rest so that malformed input is told apart from a well-formed non-object.
            reader.Skip();
            EnsureEnd(ref reader);
            return new(EnvelopeStatus.NotRtvi, null, null, 0, 0, null);
        }

        bool labelOk = false;
        string? type = null, id = null, problem = null;
        bool typePresent = false, idPresent = false;
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
                type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals(IdName))
            {
                reader.Read();
                idPresent = true;
                id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals(DataName))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    dataStart = start;
                    dataLength = (int)reader.BytesConsumed - start;
                    problem = null;
                }
                else
                {
                    dataStart = dataLength = 0;
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
        return new(EnvelopeStatus.Valid, type, id, dataStart, dataLength, null);
    }

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        // Utf8JsonReader throws on trailing garbage when reading past the root value.
        while (reader.Read())
        {
        }
    }
}
