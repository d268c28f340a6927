using System.Buffers;
using System.Text.Json;

// The generator emits the metadata of the fixtures' complex types (InvokeToolRequest, List<JsonElement>): no serializer
// context to write. The conformance fixtures speak snake_case.
[assembly: Rtvi.RtviJson(NamingPolicy = Rtvi.RtviJsonNamingPolicy.SnakeCaseLower)]

namespace Rtvi.Conformance;

/// <summary>JSON values for the fixtures' handler log, written directly (no serializer, nothing to describe).</summary>
internal static class FixtureJson
{
    internal static JsonElement Of(string? value) => Write(writer =>
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    });

    internal static JsonElement Of(double? value) => Write(writer =>
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    });

    internal static JsonElement Of(JsonElement[]? value) => Write(writer =>
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartArray();
        foreach (var item in value)
        {
            item.WriteTo(writer);
        }
        writer.WriteEndArray();
    });

    internal static JsonElement Of(List<JsonElement> value) => Of(value.ToArray());

    private static JsonElement Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
