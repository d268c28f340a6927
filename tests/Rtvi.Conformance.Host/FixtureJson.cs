using System.Text.Json;
using System.Text.Json.Serialization;

[assembly: Rtvi.RtviJsonContext(typeof(Rtvi.Conformance.FixtureJson))]

namespace Rtvi.Conformance;

/// <summary>Serializer metadata for the fixtures' complex parameter and result types.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(double?))]
[JsonSerializable(typeof(JsonElement[]))]
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(InvokeToolRequest))]
public sealed partial class FixtureJson : JsonSerializerContext
{
    internal static JsonElement Of(string? value) => JsonSerializer.SerializeToElement(value, Default.String);

    internal static JsonElement Of(double? value) => JsonSerializer.SerializeToElement(value, Default.NullableDouble);

    internal static JsonElement Of(JsonElement[]? value) => JsonSerializer.SerializeToElement(value, Default.JsonElementArray);

    internal static JsonElement Of(List<JsonElement> value) => JsonSerializer.SerializeToElement(value, Default.ListJsonElement);
}
