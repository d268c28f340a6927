using System.Text.Json;
using static Rtvi.Protocol.PayloadReader;

namespace Rtvi.Protocol;

/// <summary>
/// Turns a request's <c>data</c> into a typed request, or throws <see cref="PayloadException"/> naming the member that
/// is wrong. Shapes and rules follow docs/protocol-support.md.
/// </summary>
internal static class RequestReader
{
    private static readonly string[] s_dtmfKeys = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"];

    /// <summary>The request's <c>data</c> as an element that outlives the message (Undefined when absent).</summary>
    public static JsonElement Data(ReadOnlyMemory<byte> message, in Envelope envelope)
    {
        if (!envelope.HasData)
        {
            return default;
        }
        var reader = new Utf8JsonReader(envelope.Data(message).Span, new JsonReaderOptions { MaxDepth = EnvelopeReader.MaxDepth });
        return JsonElement.ParseValue(ref reader);
    }

    public static ClientReadyRequest ClientReady(JsonElement data)
    {
        var version = Member(data, "version");
        var about = Member(data, "about");
        return new(version, version.ValueKind == JsonValueKind.String ? version.GetString() : null, about.ValueKind == JsonValueKind.Object ? about : null);
    }

    /// <summary>
    /// An <c>action</c>'s <c>data</c>, parsed over the message's bytes without copying them (the message is the session's
    /// to keep) into a document with pooled metadata, owned by the returned arguments.
    /// </summary>
    public static ActionRequest Action(ReadOnlyMemory<byte> message, in Envelope envelope)
    {
        if (!envelope.HasData)
        {
            RequireObject(default, "data");
        }
        var document = JsonDocument.Parse(envelope.Data(message), new JsonDocumentOptions { MaxDepth = EnvelopeReader.MaxDepth });
        try
        {
            var data = RequireObject(document.RootElement, "data");
            var service = RequireStringValue(Member(data, "service"), "service");
            var action = RequireStringValue(Member(data, "action"), "action");
            return new(service, action, ArgumentList(Member(data, "arguments"), document));
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>The <c>d</c> of a <c>client-message</c> addressed to an action: an object of arguments, or nothing.</summary>
    public static RtviArguments ArgumentObject(JsonElement d) => d.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => RtviArguments.Empty,
        JsonValueKind.Object => RtviArguments.Create(d.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value))),
        _ => throw new PayloadException("'d' must be an object of action arguments"),
    };

    public static UpdateConfigRequest UpdateConfig(JsonElement data)
    {
        RequireObject(data, "data");
        var config = RequireArray(Member(data, "config"), "config");
        var interrupt = OptionalBool(Member(data, "interrupt"), "interrupt", false);
        var entries = new List<ConfigEntry>();
        var i = 0;
        foreach (var entry in config.EnumerateArray())
        {
            var at = new PayloadPath("config", i++);
            RequireObject(entry, at);
            var service = RequireString(Member(entry, "service"), at.Then(".service"));
            var options = RequireArray(Member(entry, "options"), at.Then(".options"));
            var values = new List<ConfigValue>();
            var j = 0;
            foreach (var option in options.EnumerateArray())
            {
                var optionAt = at.ThenAt(".options", j++);
                RequireObject(option, optionAt);
                var name = RequireString(Member(option, "name"), optionAt.Then(".name"));
                var value = RequirePresent(Member(option, "value"), optionAt.Then(".value"));
                values.Add(new ConfigValue(name, value));
            }
            entries.Add(new ConfigEntry(service, values));
        }
        return new(entries, interrupt);
    }

    public static ClientMessageRequest ClientMessage(JsonElement data)
    {
        RequireObject(data, "data");
        return new(RequireString(Member(data, "t"), "t"), Member(data, "d"));
    }

    public static FunctionCallResultRequest FunctionCallResult(JsonElement data)
    {
        RequireObject(data, "data");
        var functionName = RequireString(Member(data, "function_name"), "function_name");
        var toolCallId = RequireString(Member(data, "tool_call_id"), "tool_call_id");
        var arguments = RequireObject(Member(data, "arguments"), "arguments");
        var result = Member(data, "result");
        if (result.ValueKind is not (JsonValueKind.Object or JsonValueKind.String))
        {
            throw new PayloadException(result.ValueKind == JsonValueKind.Undefined ? "'result' is required" : "'result' must be an object or a string");
        }
        return new(functionName, toolCallId, arguments, result);
    }

    public static RtviSendText SendText(JsonElement data)
    {
        RequireObject(data, "data");
        var content = RequireString(Member(data, "content"), "content");
        var options = Member(data, "options");
        if (options.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            RequireObject(options, "options");
        }
        return new(
            content,
            OptionalBool(Member(options, "run_immediately"), "options.run_immediately", true),
            OptionalBool(Member(options, "audio_response"), "options.audio_response", true));
    }

    public static RtviAppendToContext AppendToContext(JsonElement data)
    {
        RequireObject(data, "data");
        return new(
            RequireString(Member(data, "role"), "role"),
            RequirePresent(Member(data, "content"), "content"),
            OptionalBool(Member(data, "run_immediately"), "run_immediately", false));
    }

    public static RtviDtmf Dtmf(JsonElement data)
    {
        RequireObject(data, "data");
        var buttons = RequireArray(Member(data, "buttons"), "buttons");
        var keys = new List<string>();
        foreach (var button in buttons.EnumerateArray())
        {
            var key = button.ValueKind == JsonValueKind.String ? button.GetString()! : null;
            if (key is null || Array.IndexOf(s_dtmfKeys, key) < 0)
            {
                throw new PayloadException("'buttons' must hold keys 0-9, * or #");
            }
            keys.Add(key);
        }
        return keys.Count > 0 ? new(keys) : throw new PayloadException("'buttons' must hold at least one key");
    }

    public static RtviUiEvent UiEvent(JsonElement data)
    {
        RequireObject(data, "data");
        var payload = Member(data, "payload");
        return new(RequireString(Member(data, "event"), "event"), payload.ValueKind == JsonValueKind.Undefined ? null : payload);
    }

    /// <summary>
    /// <c>ui-snapshot</c>: <c>tree</c> is <c>{root: node, captured_at: int, selection?: {ref, text, start_offset?, end_offset?}}</c>;
    /// every node has string <c>ref</c> and <c>role</c>, optional string <c>name</c>, string array <c>state</c>, integer
    /// <c>level</c>/<c>colcount</c>/<c>rowcount</c> and node array <c>children</c>; other members are allowed.
    /// </summary>
    public static RtviUiSnapshot UiSnapshot(JsonElement data)
    {
        RequireObject(data, "data");
        var tree = RequireObject(Member(data, "tree"), "tree");
        RequireInt64(Member(tree, "captured_at"), "tree.captured_at");
        Node(Member(tree, "root"), "tree.root");
        var selection = Member(tree, "selection");
        if (selection.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            RequireObject(selection, "tree.selection");
            RequireString(Member(selection, "ref"), "tree.selection.ref");
            RequireString(Member(selection, "text"), "tree.selection.text");
            OptionalInt64(Member(selection, "start_offset"), "tree.selection.start_offset");
            OptionalInt64(Member(selection, "end_offset"), "tree.selection.end_offset");
        }
        return new(tree);
    }

    private static void Node(JsonElement node, string at)
    {
        RequireObject(node, at);
        RequireString(Member(node, "ref"), at + ".ref");
        RequireString(Member(node, "role"), at + ".role");
        OptionalString(Member(node, "name"), at + ".name");
        OptionalInt64(Member(node, "level"), at + ".level");
        OptionalInt64(Member(node, "colcount"), at + ".colcount");
        OptionalInt64(Member(node, "rowcount"), at + ".rowcount");
        var state = Member(node, "state");
        if (state.ValueKind != JsonValueKind.Undefined)
        {
            var i = 0;
            foreach (var item in RequireArray(state, at + ".state").EnumerateArray())
            {
                RequireString(item, Indexed(at + ".state", i++));
            }
        }
        var children = Member(node, "children");
        if (children.ValueKind != JsonValueKind.Undefined)
        {
            var i = 0;
            foreach (var child in RequireArray(children, at + ".children").EnumerateArray())
            {
                // Nesting is bounded by the reader's maximum depth, so is this recursion.
                Node(child, Indexed(at + ".children", i++));
            }
        }
    }

    public static RtviUiCancelJobGroup UiCancelJobGroup(JsonElement data)
    {
        RequireObject(data, "data");
        return new(RequireString(Member(data, "job_id"), "job_id"), OptionalString(Member(data, "reason"), "reason"));
    }

    public static RtviAudioFrame RawAudio(JsonElement data)
    {
        RequireObject(data, "data");
        var pcm = Base64(RequireString(Member(data, "base64Audio"), "base64Audio"), "base64Audio");
        var (rate, channels) = AudioFormat(data);
        return new(pcm, rate, channels);
    }

    public static IReadOnlyList<RtviAudioFrame> RawAudioBatch(JsonElement data)
    {
        RequireObject(data, "data");
        var batch = RequireArray(Member(data, "base64AudioBatch"), "base64AudioBatch");
        var (rate, channels) = AudioFormat(data);
        var frames = new List<RtviAudioFrame>();
        var i = 0;
        foreach (var item in batch.EnumerateArray())
        {
            var at = Indexed("base64AudioBatch", i++);
            frames.Add(new(Base64(RequireString(item, at), at), rate, channels));
        }
        return frames;
    }

    /// <summary>
    /// <c>[{name, value}]</c> → an argument map (later duplicates win) read in place; absent or null → empty. Every entry
    /// is checked here, so that a handler never meets a malformed one.
    /// </summary>
    private static RtviArguments ArgumentList(JsonElement arguments, JsonDocument owner)
    {
        if (arguments.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return RtviArguments.FromList(default, owner);
        }
        RequireArray(arguments, "arguments");
        var i = 0;
        foreach (var argument in arguments.EnumerateArray())
        {
            var at = new PayloadPath("arguments", i++);
            RequireObject(argument, at);
            RequireStringValue(Member(argument, "name"), at.Then(".name"));
            RequirePresent(Member(argument, "value"), at.Then(".value"));
        }
        return RtviArguments.FromList(arguments, owner);
    }

    private static (int Rate, int Channels) AudioFormat(JsonElement data)
    {
        var rate = RequireInt32(Member(data, "sampleRate"), "sampleRate");
        var channels = RequireInt32(Member(data, "numChannels"), "numChannels");
        return rate > 0 && channels > 0 ? (rate, channels) : throw new PayloadException("'sampleRate' and 'numChannels' must be positive");
    }

    private static byte[] Base64(string text, string name)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written)
            ? buffer[..written]
            : throw new PayloadException($"'{name}' must be base64");
    }
}
