using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Rtvi.Generators.Tests.Corpus;

// Types the generated metadata and the System.Text.Json generator both describe; JsonMetadataTests compares their bytes.

/// <summary>An enum written as its member names.</summary>
public enum Priority { Low, High }

/// <summary>A nested record with a nullable member.</summary>
public sealed record Address(string Street, string? Unit, int Zip);

/// <summary>A record with a primary constructor, required and init-only members, renamed and ignored members.</summary>
public sealed record Person(string Name, Address Home, IReadOnlyList<Address> Previous, int? Age = null)
{
    public required Guid Id { get; init; }

    public DateTimeOffset Joined { get; init; }

    [JsonPropertyName("nick")]
    public string? Nickname { get; set; }

    [JsonIgnore]
    public string Secret { get; set; } = "";

    public Priority Priority { get; set; }
}

/// <summary>A struct record (positional, init-only members).</summary>
public readonly record struct GeoPoint(double Lat, double Lon);

/// <summary>A mutable struct with a settable member.</summary>
public struct Counter
{
    public int Count { get; set; }
}

/// <summary>A class with settable collection, dictionary and raw JSON members, an ordered and a conditionally ignored one.</summary>
public sealed class Bag
{
    public List<int> Numbers { get; set; } = [];

    public int[] Fixed { get; set; } = [];

    public Dictionary<string, Address> Places { get; set; } = [];

    public JsonElement? Raw { get; set; }

    public JsonNode? Node { get; set; }

    public Priority[]? Levels { get; set; }

    [JsonPropertyOrder(-1)]
    public double Ratio { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Skips { get; set; }

    public GeoPoint? Location { get; set; }

    public Counter Counter { get; set; }
}

/// <summary>The System.Text.Json generator's metadata for the corpus, with the options the Rtvi generator uses.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Person))]
[JsonSerializable(typeof(Bag))]
public sealed partial class CorpusStjContext : JsonSerializerContext;
