using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Rtvi.Protocol;

/// <summary>What writes a session's current config values (a JSON array) under its own lock.</summary>
internal interface IConfigValues
{
    void WriteValues(Utf8JsonWriter writer);
}

/// <summary>
/// Builds every outbound RTVI envelope with <see cref="Utf8JsonWriter"/> into a per-thread buffer and returns the exact
/// bytes. Responses carry the request id; events never carry one; <c>data</c> is omitted when there is none; null
/// members are omitted.
/// </summary>
internal static class ServerMessageWriter
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    private const int RetainedBufferBytes = 1024 * 1024;

    public static byte[] Build(string type, string? id) => Build<object?>(type, id, null, null);

    public static byte[] Build<TState>(string type, string? id, TState state, Action<Utf8JsonWriter, TState>? writeData) =>
        Write(type, id, state, writeData).ToArray();

    /// <summary>As <see cref="Build{TState}"/>, into a rented array: for the answers of the hot path (the outbox returns it).</summary>
    public static OutboundMessage BuildRented<TState>(string type, string? id, TState state, Action<Utf8JsonWriter, TState>? writeData) =>
        OutboundMessage.Rent(Write(type, id, state, writeData));

    private static ReadOnlySpan<byte> Write<TState>(string type, string? id, TState state, Action<Utf8JsonWriter, TState>? writeData)
    {
        RtviTelemetry.MessageSent(type);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false, Indented = false });
        writer.Reset(buffer);
        try
        {
            writer.WriteStartObject();
            writer.WriteString("label"u8, RtviMessageTypes.Label);
            writer.WriteString("type"u8, type);
            if (id is not null)
            {
                writer.WriteString("id"u8, id);
            }
            if (writeData is not null)
            {
                writer.WritePropertyName("data"u8);
                writeData(writer, state);
            }
            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan;
        }
        catch
        {
            // A half-written message must not poison the next one built on this thread.
            t_writer = null;
            throw;
        }
        finally
        {
            if (buffer.Capacity > RetainedBufferBytes)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }

    // ---- responses -------------------------------------------------------------------------------------------------

    public static byte[] ErrorResponse(string id, string error) =>
        Build(RtviMessageTypes.ErrorResponse, id, RtviTelemetry.ErrorSent(RtviMessageTypes.ErrorResponse, error), static (w, e) =>
        {
            w.WriteStartObject();
            w.WriteString("error"u8, e);
            w.WriteEndObject();
        });

    /// <summary>0.3.0 <c>bot-ready</c>: version, current config and the registered actions.</summary>
    public static byte[] BotReady(string id, string version, IConfigValues config, RtviRegistry registry) =>
        Build(RtviMessageTypes.BotReady, id, (version, config, registry), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("version"u8, s.version);
            w.WritePropertyName("config"u8);
            s.config.WriteValues(w);
            w.WritePropertyName("actions"u8);
            WriteActionDescriptors(w, s.registry);
            w.WriteEndObject();
        });

    /// <summary>1.x/2.x <c>bot-ready</c>: version and the server's <c>about</c>.</summary>
    public static byte[] BotReady(string id, string version, RtviAbout about) =>
        Build(RtviMessageTypes.BotReady, id, (version, about), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("version"u8, s.version);
            w.WriteStartObject("about"u8);
            w.WriteString("library"u8, s.about.Library);
            if (s.about.LibraryVersion is not null)
            {
                w.WriteString("library_version"u8, s.about.LibraryVersion);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        });

    /// <summary><c>config</c>: the current values.</summary>
    public static OutboundMessage Config(string id, IConfigValues config) =>
        BuildRented(RtviMessageTypes.Config, id, config, static (w, c) =>
        {
            w.WriteStartObject();
            w.WritePropertyName("config"u8);
            c.WriteValues(w);
            w.WriteEndObject();
        });

    /// <summary><c>config-available</c>: the registered services and their option types.</summary>
    public static OutboundMessage ConfigAvailable(string id, RtviRegistry registry) =>
        BuildRented(RtviMessageTypes.ConfigAvailable, id, registry.ConfigAvailableJson ??= Value(registry, static (w, r) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("config"u8);
            foreach (var service in r.Services)
            {
                w.WriteStartObject();
                w.WriteString("name"u8, service.Name);
                w.WriteStartArray("options"u8);
                foreach (var option in service.Options)
                {
                    WriteTypedName(w, option.Name, option.Type);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }), WriteRaw);

    /// <summary><c>actions-available</c>.</summary>
    public static OutboundMessage ActionsAvailable(string id, RtviRegistry registry) =>
        BuildRented(RtviMessageTypes.ActionsAvailable, id, registry, static (w, r) =>
        {
            w.WriteStartObject();
            w.WritePropertyName("actions"u8);
            WriteActionDescriptors(w, r);
            w.WriteEndObject();
        });

    /// <summary>Writes a registry's descriptors once, as a JSON value; the registry keeps it (it never changes).</summary>
    private static byte[] Value<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, state);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRaw(Utf8JsonWriter w, byte[] json) => w.WriteRawValue(json, skipInputValidation: true);

    public static OutboundMessage ActionResponse(string id, RtviResult result) =>
        BuildRented(RtviMessageTypes.ActionResponse, id, result, static (w, r) =>
        {
            w.WriteStartObject();
            if (!r.IsNone)
            {
                w.WritePropertyName("result"u8);
                r.WriteTo(w);
            }
            w.WriteEndObject();
        });

    public static OutboundMessage ServerResponse(string id, string t, RtviResult result) =>
        BuildRented(RtviMessageTypes.ServerResponse, id, (t, result), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("t"u8, s.t);
            if (!s.result.IsNone)
            {
                w.WritePropertyName("d"u8);
                s.result.WriteTo(w);
            }
            w.WriteEndObject();
        });

    // ---- function calls --------------------------------------------------------------------------------------------

    /// <summary>The 0.3/1.0–1.1 <c>llm-function-call</c>.</summary>
    public static byte[] LlmFunctionCall(string functionName, string toolCallId, JsonElement args) =>
        Build(RtviMessageTypes.LlmFunctionCall, null, (functionName, toolCallId, args), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("function_name"u8, s.functionName);
            w.WriteString("tool_call_id"u8, s.toolCallId);
            w.WritePropertyName("args"u8);
            WriteObjectOrEmpty(w, s.args);
            w.WriteEndObject();
        });

    /// <summary><c>llm-function-call-started</c>, disclosing the name from <see cref="RtviFunctionCallReportLevel.Name"/> up.</summary>
    public static byte[] FunctionCallStarted(string functionName, RtviFunctionCallReportLevel level) =>
        Build(RtviMessageTypes.LlmFunctionCallStarted, null, (functionName, level), static (w, s) =>
        {
            w.WriteStartObject();
            if (s.level >= RtviFunctionCallReportLevel.Name)
            {
                w.WriteString("function_name"u8, s.functionName);
            }
            w.WriteEndObject();
        });

    /// <summary><c>llm-function-call-in-progress</c>: always with name and arguments, or the client cannot run the function.</summary>
    public static byte[] FunctionCallInProgress(string functionName, string toolCallId, JsonElement args) =>
        Build(RtviMessageTypes.LlmFunctionCallInProgress, null, (functionName, toolCallId, args), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("tool_call_id"u8, s.toolCallId);
            w.WriteString("function_name"u8, s.functionName);
            w.WritePropertyName("arguments"u8);
            WriteObjectOrEmpty(w, s.args);
            w.WriteEndObject();
        });

    /// <summary><c>llm-function-call-stopped</c>, disclosing name and result per <paramref name="level"/>.</summary>
    public static byte[] FunctionCallStopped(string functionName, string toolCallId, RtviFunctionCallReportLevel level, bool cancelled, JsonElement result) =>
        Build(RtviMessageTypes.LlmFunctionCallStopped, null, (functionName, toolCallId, level, cancelled, result), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("tool_call_id"u8, s.toolCallId);
            w.WriteBoolean("cancelled"u8, s.cancelled);
            if (s.level >= RtviFunctionCallReportLevel.Name)
            {
                w.WriteString("function_name"u8, s.functionName);
            }
            if (s.level == RtviFunctionCallReportLevel.Full && !s.cancelled && s.result.ValueKind != JsonValueKind.Undefined)
            {
                w.WritePropertyName("result"u8);
                s.result.WriteTo(w);
            }
            w.WriteEndObject();
        });

    // ---- events ----------------------------------------------------------------------------------------------------

    public static byte[] ErrorEvent(string error, bool fatal) =>
        Build(RtviMessageTypes.Error, null, (error: RtviTelemetry.ErrorSent(RtviMessageTypes.Error, error), fatal), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("error"u8, s.error);
            w.WriteBoolean("fatal"u8, s.fatal);
            w.WriteEndObject();
        });

    /// <summary>An event whose data is <c>{"text": text}</c>.</summary>
    public static byte[] TextEvent(string type, string text) =>
        Build(type, null, text, static (w, t) =>
        {
            w.WriteStartObject();
            w.WriteString("text"u8, t);
            w.WriteEndObject();
        });

    public static byte[] UserTranscription(string text, bool final, string userId, DateTimeOffset timestamp) =>
        Build(RtviMessageTypes.UserTranscription, null, (text, final, userId, timestamp), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("text"u8, s.text);
            w.WriteString("user_id"u8, s.userId);
            w.WriteString("timestamp"u8, s.timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
            w.WriteBoolean("final"u8, s.final);
            w.WriteEndObject();
        });

    public static byte[] BotOutput(string text, string aggregatedBy, bool spoken, int? segmentId) =>
        Build(RtviMessageTypes.BotOutput, null, (text, aggregatedBy, spoken, segmentId), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("text"u8, s.text);
            w.WriteString("aggregated_by"u8, s.aggregatedBy);
            if (s.segmentId is { } segment)
            {
                w.WriteNumber("segment_id"u8, segment);
            }
            w.WriteBoolean("spoken"u8, s.spoken);
            w.WriteBoolean("will_be_spoken"u8, s.spoken);
            w.WriteEndObject();
        });

    /// <summary>
    /// <c>bot-output</c> (2.x) reporting how much of a spoken segment has played: <c>spoken_status</c> "completed" once
    /// the whole text is spoken, else "in-progress", and <c>spoken_progress</c> split at <paramref name="spokenLength"/>.
    /// </summary>
    public static byte[] BotOutputProgress(RtviSpokenSegment segment, int spokenLength) =>
        Build(RtviMessageTypes.BotOutput, null, (segment, spokenLength), static (w, s) =>
        {
            var text = s.segment.Text;
            w.WriteStartObject();
            w.WriteString("text"u8, text);
            w.WriteString("aggregated_by"u8, s.segment.AggregatedBy);
            w.WriteNumber("segment_id"u8, s.segment.SegmentId);
            w.WriteBoolean("will_be_spoken"u8, true);
            w.WriteString("spoken_status"u8, s.spokenLength == text.Length ? "completed"u8 : "in-progress"u8);
            w.WriteStartObject("spoken_progress"u8);
            w.WriteString("accumulated_text"u8, text.AsSpan(0, s.spokenLength));
            w.WriteString("remaining_text"u8, text.AsSpan(s.spokenLength));
            w.WriteEndObject();
            w.WriteEndObject();
        });

    /// <summary><c>server-message</c>; no payload is written as <c>{}</c>.</summary>
    public static byte[] ServerMessage(RtviResult payload) =>
        Build(RtviMessageTypes.ServerMessage, null, payload, static (w, p) =>
        {
            if (p.IsNone)
            {
                w.WriteStartObject();
                w.WriteEndObject();
            }
            else
            {
                p.WriteTo(w);
            }
        });

    public static byte[] Metrics(RtviMetrics metrics) =>
        Build(RtviMessageTypes.Metrics, null, metrics, static (w, m) =>
        {
            w.WriteStartObject();
            WriteMetricList(w, "ttfb"u8, m.Ttfb);
            WriteMetricList(w, "processing"u8, m.Processing);
            WriteMetricList(w, "characters"u8, m.Characters);
            if (m.Tokens is { } tokens)
            {
                w.WriteStartArray("tokens"u8);
                foreach (var t in tokens)
                {
                    w.WriteStartObject();
                    w.WriteString("processor"u8, t.Processor);
                    if (t.Model is not null)
                    {
                        w.WriteString("model"u8, t.Model);
                    }
                    w.WriteNumber("prompt_tokens"u8, t.PromptTokens);
                    w.WriteNumber("completion_tokens"u8, t.CompletionTokens);
                    w.WriteNumber("total_tokens"u8, t.TotalTokens);
                    if (t.CacheReadInputTokens is { } cached)
                    {
                        w.WriteNumber("cache_read_input_tokens"u8, cached);
                    }
                    if (t.ReasoningTokens is { } reasoning)
                    {
                        w.WriteNumber("reasoning_tokens"u8, reasoning);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        });

    // ---- parts -----------------------------------------------------------------------------------------------------

    private static void WriteActionDescriptors(Utf8JsonWriter w, RtviRegistry registry) =>
        WriteRaw(w, registry.ActionDescriptorsJson ??= Value(registry, static (w, r) =>
        {
            w.WriteStartArray();
            // Indexed loops: an enumerator of an IReadOnlyList is an allocation per action.
            var actions = r.Actions;
            for (var a = 0; a < actions.Count; a++)
            {
                var action = actions[a];
                w.WriteStartObject();
                w.WriteString("service"u8, action.Service);
                w.WriteString("action"u8, action.Name);
                w.WriteStartArray("arguments"u8);
                for (var i = 0; i < action.Arguments.Count; i++)
                {
                    WriteTypedName(w, action.Arguments[i].Name, action.Arguments[i].Type);
                }
                w.WriteEndArray();
                w.WriteString("result"u8, action.Result.ToWireString());
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }));

    private static void WriteTypedName(Utf8JsonWriter w, string name, RtviWireType type)
    {
        w.WriteStartObject();
        w.WriteString("name"u8, name);
        w.WriteString("type"u8, type.ToWireString());
        w.WriteEndObject();
    }

    private static void WriteObjectOrEmpty(Utf8JsonWriter w, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            value.WriteTo(w);
            return;
        }
        w.WriteStartObject();
        w.WriteEndObject();
    }

    private static void WriteMetricList(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<RtviMetric>? metrics)
    {
        if (metrics is null)
        {
            return;
        }
        w.WriteStartArray(name);
        foreach (var metric in metrics)
        {
            w.WriteStartObject();
            w.WriteString("processor"u8, metric.Processor);
            if (metric.Model is not null)
            {
                w.WriteString("model"u8, metric.Model);
            }
            w.WriteNumber("value"u8, metric.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    // ---- conversation, UI and app events ---------------------------------------------------------------------------

    /// <summary><c>llm-function-call-in-progress</c> of a function the bot runs itself, disclosed per <paramref name="level"/>.</summary>
    public static byte[] FunctionCallInProgress(string functionName, string toolCallId, JsonElement args, RtviFunctionCallReportLevel level) =>
        Build(RtviMessageTypes.LlmFunctionCallInProgress, null, (functionName, toolCallId, args, level), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("tool_call_id"u8, s.toolCallId);
            if (s.level >= RtviFunctionCallReportLevel.Name)
            {
                w.WriteString("function_name"u8, s.functionName);
            }
            if (s.level == RtviFunctionCallReportLevel.Full)
            {
                w.WritePropertyName("arguments"u8);
                WriteObjectOrEmpty(w, s.args);
            }
            w.WriteEndObject();
        });

    /// <summary>An event of an app-chosen type; <c>data</c> is the payload, omitted when there is none.</summary>
    public static byte[] Custom(string type, RtviResult payload) =>
        payload.IsNone ? Build(type, null) : Build(type, null, payload, static (w, p) => p.WriteTo(w));

    /// <summary><c>ui-command</c>: <c>{command, payload?}</c>.</summary>
    public static byte[] UiCommand(string command, RtviResult payload) =>
        NameAndResult(RtviMessageTypes.UiCommand, null, s_command, command, s_payload, payload);

    private static readonly JsonEncodedText s_t = JsonEncodedText.Encode("t"), s_d = JsonEncodedText.Encode("d");
    private static readonly JsonEncodedText s_command = JsonEncodedText.Encode("command"), s_payload = JsonEncodedText.Encode("payload");

    /// <summary>A message whose data is <c>{nameKey: name, resultKey?: result}</c>.</summary>
    private static byte[] NameAndResult(string type, string? id, JsonEncodedText nameKey, string name, JsonEncodedText resultKey, RtviResult result) =>
        Build(type, id, (nameKey, name, resultKey, result), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString(s.nameKey, s.name);
            if (!s.result.IsNone)
            {
                w.WritePropertyName(s.resultKey);
                s.result.WriteTo(w);
            }
            w.WriteEndObject();
        });

    /// <summary><c>ui-job-group</c>: <c>{kind, job_id, …, at}</c>; <paramref name="writeMembers"/> writes the members of the kind.</summary>
    public static byte[] UiJobGroup<TState>(string kind, string jobId, long at, TState state, Action<Utf8JsonWriter, TState> writeMembers) =>
        Build(RtviMessageTypes.UiJobGroup, null, (kind, jobId, at, state, writeMembers), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("kind"u8, s.kind);
            w.WriteString("job_id"u8, s.jobId);
            s.writeMembers(w, s.state);
            w.WriteNumber("at"u8, s.at);
            w.WriteEndObject();
        });
}
