using System.Text;

namespace Rtvi.Tests.Fuzz;

/// <summary>How a fuzzed envelope's id is written.</summary>
public enum FuzzId
{
    /// <summary>A unique string id; the oracle tracks its answers.</summary>
    Unique,
    /// <summary>No id member.</summary>
    Missing,
    /// <summary>A number, null, an object…: not a string.</summary>
    NotAString,
    /// <summary>A string with a lone surrogate escape.</summary>
    LoneSurrogate,
    /// <summary>The empty string (the reference's trap: no answer for a successful action).</summary>
    Empty,
    /// <summary>The id of the previous message again.</summary>
    Duplicate,
}

/// <summary>A byte-level change applied after rendering.</summary>
public enum FuzzMutation
{
    None,
    /// <summary>The last bytes are cut off.</summary>
    Truncate,
    /// <summary>A byte is replaced by one that is never valid UTF-8.</summary>
    InvalidByte,
    /// <summary>A byte anywhere is flipped.</summary>
    FlipByte,
    /// <summary>The <c>type</c> member appears twice (later wins in the reader).</summary>
    DuplicateType,
    /// <summary>The label is wrong or missing.</summary>
    BadLabel,
}

/// <summary>
/// One generated client message: a type, an id kind, a <c>data</c> member (JSON text or absent) and a byte mutation,
/// rendered with the index that makes unique ids unique.
/// </summary>
public sealed record FuzzMessage(string Type, FuzzId Id, string? Data, FuzzMutation Mutation, int Position)
{
    /// <summary>A <see cref="Type"/> written as a lone surrogate escape.</summary>
    public const string LoneSurrogateType = "<lone surrogate>";

    public static string UniqueId(int index) => "f" + index;

    /// <summary>The id the oracle tracks, when this message has one of its own.</summary>
    public string? TrackedId(int index) => Id == FuzzId.Unique && Mutation is FuzzMutation.None or FuzzMutation.DuplicateType ? UniqueId(index) : null;

    public byte[] Render(int index)
    {
        var id = Id switch
        {
            FuzzId.Unique => Quote(UniqueId(index)),
            FuzzId.Missing => null,
            FuzzId.NotAString => (index % 3) switch { 0 => "7", 1 => "null", _ => "{\"x\":1}" },
            FuzzId.LoneSurrogate => "\"f\\ud800" + index + "\"",
            FuzzId.Empty => "\"\"",
            _ => Quote(UniqueId(index - 1)),
        };
        var label = Mutation == FuzzMutation.BadLabel ? (index % 2 == 0 ? "\"label\":\"rtvi\"," : "") : "\"label\":\"rtvi-ai\",";
        var text = new StringBuilder("{").Append(label);
        if (Mutation == FuzzMutation.DuplicateType)
        {
            text.Append("\"type\":\"decoy\",");
        }
        text.Append("\"type\":").Append(Type == LoneSurrogateType ? "\"\\udbff\"" : Quote(Type));
        if (id is not null)
        {
            text.Append(",\"id\":").Append(id);
        }
        if (Data is not null)
        {
            text.Append(",\"data\":").Append(Data);
        }
        text.Append('}');
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        if (bytes.Length == 0)
        {
            return bytes;
        }
        var at = Position % bytes.Length;
        switch (Mutation)
        {
            case FuzzMutation.Truncate:
                return bytes[..at];
            case FuzzMutation.InvalidByte:
                bytes[at] = 0xFF;
                break;
            case FuzzMutation.FlipByte:
                bytes[at] ^= (byte)(1 << (Position % 8));
                break;
        }
        return bytes;
    }

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value, FuzzJson.Default.String);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class FuzzJson : System.Text.Json.Serialization.JsonSerializerContext;
