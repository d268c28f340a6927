using System.Text.Json;

namespace Rtvi.FaultTest;

/// <summary>The top-level <c>type</c> and <c>id</c> of a server message, and whether it is a fatal <c>error</c> event.</summary>
internal readonly record struct EnvelopeSummary(string? Type, string? Id, bool Fatal)
{
    /// <summary>Reads only the top level (and the direct members of <c>data</c>); anything that is not a JSON object reads as empty.</summary>
    public static EnvelopeSummary Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? type = null, id = null;
        var fatal = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    type = reader.GetString();
                }
                else if (reader.ValueTextEquals("id"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    id = reader.GetString();
                }
                else if (reader.ValueTextEquals("data"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    fatal = ReadFatal(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // A malformed message is a finding of its own, but not one these scenarios judge: it reads as "no type, no id".
            return default;
        }
        return new EnvelopeSummary(type, id, fatal);
    }

    private static bool ReadFatal(ref Utf8JsonReader reader)
    {
        var fatal = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFatal = reader.ValueTextEquals("fatal"u8);
            reader.Read();
            if (isFatal)
            {
                fatal = reader.TokenType == JsonTokenType.True;
            }
            reader.Skip();
        }
        return fatal;
    }
}
