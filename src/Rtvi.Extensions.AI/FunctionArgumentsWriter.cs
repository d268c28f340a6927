using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Rtvi.Extensions.AI;

/// <summary>Writes function-call arguments and results as JSON without reflection-based serialization.</summary>
internal static class FunctionArgumentsWriter
{
    /// <summary>The arguments as a JSON object; values that are not JSON already go through <paramref name="options"/>' type info.</summary>
    public static JsonElement ToElement(IEnumerable<KeyValuePair<string, object?>>? arguments, JsonSerializerOptions options) =>
        Write(arguments, options, static (writer, args, o) =>
        {
            writer.WriteStartObject();
            if (args is not null)
            {
                foreach (var (name, value) in args)
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, value, o);
                }
            }
            writer.WriteEndObject();
        });

    /// <summary>One value as JSON (a function's result), written like an argument value.</summary>
    public static JsonElement ValueToElement(object? value, JsonSerializerOptions options) =>
        value is JsonElement element ? element : Write(value, options, WriteValue);

    private static JsonElement Write<T>(T state, JsonSerializerOptions options, Action<Utf8JsonWriter, T, JsonSerializerOptions> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder }))
        {
            write(writer, state, options);
        }
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement { ValueKind: JsonValueKind.Undefined }:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case JsonDocument document:
                document.RootElement.WriteTo(writer);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            default:
                JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
                break;
        }
    }
}
