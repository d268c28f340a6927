using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Rtvi.Extensions.AI;

/// <summary>
/// The OpenAI-like message shape of the 0.3 <c>llm</c> actions, both ways: <c>{role, content}</c> with content a string
/// or a list of <c>{type:"text", text}</c> parts, assistant <c>tool_calls</c> (<c>{id, type:"function",
/// function:{name, arguments}}</c>, arguments as a JSON string) and tool results (<c>{role:"tool", tool_call_id,
/// content}</c>). Reading rejects anything else with a <see cref="RtviBindingException"/> naming the member.
/// </summary>
internal static class ContextMessages
{
    /// <summary>Reads a <c>messages</c> argument: a JSON array of messages.</summary>
    public static List<ChatMessage> Read(JsonElement messages, string name)
    {
        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw new RtviBindingException($"'{name}' must be an array");
        }
        var result = new List<ChatMessage>(messages.GetArrayLength());
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            result.Add(ReadMessage(message, name + "[" + i++.ToString(CultureInfo.InvariantCulture) + "]"));
        }
        return result;
    }

    /// <summary>The text of message content: a string as is, text parts joined by spaces, other JSON as JSON.</summary>
    public static string ContentText(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        text.Append(text.Length > 0 ? " " : "").Append(value.GetString());
                    }
                }
                return text.ToString();
            default:
                return content.GetRawText();
        }
    }

    /// <summary>The <c>get_context</c> result: <c>{messages, tools}</c>.</summary>
    public static RtviResult Write(IReadOnlyList<ChatMessage> messages, IEnumerable<AITool> tools)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = AIJsonUtilities.DefaultOptions.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("messages");
            foreach (var message in messages)
            {
                WriteMessage(writer, message);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("tools");
            foreach (var tool in tools)
            {
                if (tool is AIFunctionDeclaration function)
                {
                    writer.WriteStartObject();
                    writer.WriteString("type", "function");
                    writer.WriteStartObject("function");
                    writer.WriteString("name", function.Name);
                    if (!string.IsNullOrEmpty(function.Description))
                    {
                        writer.WriteString("description", function.Description);
                    }
                    writer.WritePropertyName("parameters");
                    function.JsonSchema.WriteTo(writer);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return RtviResult.FromUtf8Json(buffer.WrittenMemory);
    }

    private static ChatMessage ReadMessage(JsonElement message, string at)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new RtviBindingException($"'{at}' must be an object");
        }
        var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String && r.GetString() is { Length: > 0 } text
            ? text : throw new RtviBindingException($"'{at}.role' must be a non-empty string");
        var content = message.TryGetProperty("content", out var c) ? c : default;
        var contents = new List<AIContent>();
        if (content.ValueKind is JsonValueKind.String or JsonValueKind.Array)
        {
            if (content.ValueKind == JsonValueKind.Array && content.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.Object))
            {
                throw new RtviBindingException($"'{at}.content' parts must be objects");
            }
            if (role != "tool")
            {
                contents.Add(new TextContent(ContentText(content)));
            }
        }
        else if (content.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            throw new RtviBindingException($"'{at}.content' must be a string or an array of parts");
        }
        if (role == "tool")
        {
            var callId = message.TryGetProperty("tool_call_id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()! : throw new RtviBindingException($"'{at}.tool_call_id' must be a string");
            contents.Add(new FunctionResultContent(callId, content.ValueKind == JsonValueKind.Undefined ? null : ContentText(content)));
        }
        else if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind != JsonValueKind.Null)
        {
            ReadToolCalls(calls, at + ".tool_calls", contents);
        }
        if (contents.Count == 0)
        {
            throw new RtviBindingException($"'{at}' needs 'content' or 'tool_calls'");
        }
        return new ChatMessage(new ChatRole(role), contents);
    }

    private static void ReadToolCalls(JsonElement calls, string at, List<AIContent> contents)
    {
        if (calls.ValueKind != JsonValueKind.Array)
        {
            throw new RtviBindingException($"'{at}' must be an array");
        }
        var i = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var where = at + "[" + i++.ToString(CultureInfo.InvariantCulture) + "]";
            if (call.ValueKind != JsonValueKind.Object
                || !call.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || !call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
                || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                throw new RtviBindingException($"'{where}' must be {{id, function:{{name, arguments}}}}");
            }
            contents.Add(new FunctionCallContent(id.GetString()!, name.GetString()!, ReadArguments(function, where)));
        }
    }

    /// <summary><c>function.arguments</c>: a JSON object, or (as OpenAI sends it) a string holding one.</summary>
    private static Dictionary<string, object?> ReadArguments(JsonElement function, string at)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (!function.TryGetProperty("arguments", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return arguments;
        }
        JsonElement parsed;
        try
        {
            parsed = value.ValueKind == JsonValueKind.String ? JsonElement.Parse(value.GetString()!) : value;
        }
        catch (JsonException)
        {
            throw new RtviBindingException($"'{at}.function.arguments' must be a JSON object");
        }
        if (parsed.ValueKind != JsonValueKind.Object)
        {
            throw new RtviBindingException($"'{at}.function.arguments' must be a JSON object");
        }
        foreach (var property in parsed.EnumerateObject())
        {
            arguments[property.Name] = property.Value.Clone();
        }
        return arguments;
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        var results = message.Contents.OfType<FunctionResultContent>().ToList();
        if (results.Count > 0)
        {
            // One OpenAI tool message per result.
            foreach (var result in results)
            {
                writer.WriteStartObject();
                writer.WriteString("role", "tool");
                writer.WriteString("tool_call_id", result.CallId);
                writer.WriteString("content", ResultText(result.Result));
                writer.WriteEndObject();
            }
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("role", message.Role.Value);
        var calls = message.Contents.OfType<FunctionCallContent>().ToList();
        if (calls.Count == 0 || message.Text.Length > 0)
        {
            writer.WriteString("content", message.Text);
        }
        if (calls.Count > 0)
        {
            writer.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                writer.WriteStartObject();
                writer.WriteString("id", call.CallId);
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", call.Name);
                writer.WriteString("arguments", FunctionArgumentsWriter.ToElement(call.Arguments, AIJsonUtilities.DefaultOptions).GetRawText());
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static string ResultText(object? result) => result switch
    {
        null => "",
        string text => text,
        _ => FunctionArgumentsWriter.ValueToElement(result, AIJsonUtilities.DefaultOptions).GetRawText(),
    };
}
