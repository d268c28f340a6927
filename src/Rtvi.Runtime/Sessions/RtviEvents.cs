using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Rtvi.Protocol;
using static Rtvi.Protocol.RtviMessageTypes;

namespace Rtvi;

/// <summary>
/// Typed bot and user events. Each method writes the message the client's protocol generation understands: for example
/// <see cref="BotOutputAsync"/> becomes <c>bot-output</c> for 1.1+ clients and <c>bot-transcription</c> for 0.3 clients,
/// and events a generation does not know are not sent to it.
/// </summary>
/// <remarks>
/// Turn output — <c>bot-llm-text</c>, <c>bot-tts-text</c>, <c>bot-transcription</c>, <c>bot-output</c> — belongs to the
/// bot's current turn: an interruption drops it while it is still queued for the client, and it is not sent at all when
/// the token passed is already cancelled (its turn was). Every other event, answers and errors are always sent.
/// </remarks>
public sealed class RtviEvents
{
    private readonly RtviSession _session;

    internal RtviEvents(RtviSession session) => _session = session;

    /// <summary><c>user-started-speaking</c>.</summary>
    public ValueTask UserStartedSpeakingAsync(CancellationToken cancellationToken = default) => Bare(UserStartedSpeaking, cancellationToken);
    /// <summary><c>user-stopped-speaking</c>.</summary>
    public ValueTask UserStoppedSpeakingAsync(CancellationToken cancellationToken = default) => Bare(UserStoppedSpeaking, cancellationToken);
    /// <summary><c>bot-started-speaking</c>.</summary>
    public ValueTask BotStartedSpeakingAsync(CancellationToken cancellationToken = default) => Bare(BotStartedSpeaking, cancellationToken);
    /// <summary><c>bot-stopped-speaking</c>.</summary>
    public ValueTask BotStoppedSpeakingAsync(CancellationToken cancellationToken = default) => Bare(BotStoppedSpeaking, cancellationToken);
    /// <summary><c>bot-llm-started</c>.</summary>
    public ValueTask BotLlmStartedAsync(CancellationToken cancellationToken = default) => Bare(BotLlmStarted, cancellationToken);
    /// <summary><c>bot-llm-stopped</c>.</summary>
    public ValueTask BotLlmStoppedAsync(CancellationToken cancellationToken = default) => Bare(BotLlmStopped, cancellationToken);
    /// <summary><c>bot-tts-started</c>.</summary>
    public ValueTask BotTtsStartedAsync(CancellationToken cancellationToken = default) => Bare(BotTtsStarted, cancellationToken);
    /// <summary><c>bot-tts-stopped</c>.</summary>
    public ValueTask BotTtsStoppedAsync(CancellationToken cancellationToken = default) => Bare(BotTtsStopped, cancellationToken);

    /// <summary><c>bot-llm-text</c>: one streamed chunk of LLM output.</summary>
    public ValueTask BotLlmTextAsync(string text, CancellationToken cancellationToken = default) => TurnText(BotLlmText, text, cancellationToken);
    /// <summary><c>bot-tts-text</c>: text as it is spoken.</summary>
    public ValueTask BotTtsTextAsync(string text, CancellationToken cancellationToken = default) => TurnText(BotTtsText, text, cancellationToken);
    /// <summary><c>bot-transcription</c>: a complete sentence of bot output.</summary>
    public ValueTask BotTranscriptionAsync(string text, CancellationToken cancellationToken = default) => TurnText(BotTranscription, text, cancellationToken);
    /// <summary><c>user-llm-text</c>: the user turn as given to the LLM.</summary>
    public ValueTask UserLlmTextAsync(string text, CancellationToken cancellationToken = default) => Text(UserLlmText, text, cancellationToken);

    /// <summary><c>user-transcription</c>.</summary>
    public ValueTask UserTranscriptionAsync(string text, bool final, string userId = "", DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default) =>
        _session.SendAsync(ServerMessageWriter.UserTranscription(text, final, userId, timestamp ?? DateTimeOffset.UtcNow), cancellationToken);

    /// <summary>
    /// What the bot said: <c>bot-output</c> for 1.1+ clients (word/token aggregates only to 1.x, as the reference does);
    /// <c>bot-transcription</c> for 0.3 clients when <paramref name="aggregatedBy"/> is "sentence".
    /// </summary>
    public ValueTask BotOutputAsync(string text, string aggregatedBy = "sentence", bool spoken = true, int? segmentId = null, CancellationToken cancellationToken = default)
    {
        if (!_session.ClientAtLeast(1, 1))
        {
            return aggregatedBy == "sentence" ? BotTranscriptionAsync(text, cancellationToken) : default;
        }
        if (!SendsBotOutput(aggregatedBy))
        {
            return default;
        }
        return _session.SendTurnOutputAsync(ServerMessageWriter.BotOutput(text, aggregatedBy, spoken, segmentId), cancellationToken);
    }

    /// <summary>Whether <see cref="BotOutputAsync"/> sends this client <c>bot-output</c> for an aggregate of <paramref name="aggregatedBy"/>.</summary>
    internal bool SendsBotOutput(string aggregatedBy) =>
        _session.ClientAtLeast(1, 1) && !(_session.Generation == RtviClientGeneration.V2 && aggregatedBy is "word" or "token");

    /// <summary><c>user-mute-started</c> (1.2+ clients).</summary>
    public ValueTask UserMuteStartedAsync(CancellationToken cancellationToken = default) =>
        _session.ClientAtLeast(1, 2) ? Bare(UserMuteStarted, cancellationToken) : default;
    /// <summary><c>user-mute-stopped</c> (1.2+ clients).</summary>
    public ValueTask UserMuteStoppedAsync(CancellationToken cancellationToken = default) =>
        _session.ClientAtLeast(1, 2) ? Bare(UserMuteStopped, cancellationToken) : default;

    /// <summary><c>server-message</c> with an app payload.</summary>
    public ValueTask ServerMessageAsync(RtviResult payload, CancellationToken cancellationToken = default) =>
        _session.SendAsync(ServerMessageWriter.ServerMessage(payload), cancellationToken);

    /// <summary><c>server-message</c> with a JSON payload.</summary>
    public ValueTask ServerMessageAsync(JsonElement payload, CancellationToken cancellationToken = default) =>
        ServerMessageAsync(RtviResult.FromElement(payload), cancellationToken);

    /// <summary><c>server-message</c> with a payload serialized through source-generated metadata.</summary>
    public ValueTask ServerMessageAsync<T>(T payload, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        ServerMessageAsync(RtviResult.FromJson(payload, typeInfo), cancellationToken);

    /// <summary><c>metrics</c>.</summary>
    public ValueTask MetricsAsync(RtviMetrics metrics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return _session.SendAsync(ServerMessageWriter.Metrics(metrics), cancellationToken);
    }

    /// <summary>
    /// <c>llm-function-call-started</c> for a function the bot runs itself (1.2+ clients), disclosing the name from
    /// <see cref="RtviFunctionCallReportLevel.Name"/> up; nothing at <see cref="RtviFunctionCallReportLevel.Disabled"/>.
    /// Functions relayed to the client with <see cref="RtviSession.CallClientFunctionAsync"/> report themselves.
    /// </summary>
    public ValueTask FunctionCallStartedAsync(string functionName, RtviFunctionCallReportLevel level, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        return ReportsFunctionCalls(level) ? _session.SendAsync(ServerMessageWriter.FunctionCallStarted(functionName, level), cancellationToken) : default;
    }

    /// <summary><c>llm-function-call-in-progress</c> for a function the bot runs itself (1.2+ clients), disclosed per <paramref name="level"/>.</summary>
    public ValueTask FunctionCallInProgressAsync(string functionName, string toolCallId, JsonElement arguments, RtviFunctionCallReportLevel level, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        ArgumentException.ThrowIfNullOrEmpty(toolCallId);
        return ReportsFunctionCalls(level)
            ? _session.SendAsync(ServerMessageWriter.FunctionCallInProgress(functionName, toolCallId, arguments, level), cancellationToken)
            : default;
    }

    /// <summary>
    /// <c>llm-function-call-stopped</c> for a function the bot runs itself (1.2+ clients): <paramref name="cancelled"/>, or
    /// done with <paramref name="result"/> (disclosed at <see cref="RtviFunctionCallReportLevel.Full"/>).
    /// </summary>
    public ValueTask FunctionCallStoppedAsync(
        string functionName, string toolCallId, bool cancelled, JsonElement result, RtviFunctionCallReportLevel level, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        ArgumentException.ThrowIfNullOrEmpty(toolCallId);
        return ReportsFunctionCalls(level)
            ? _session.SendAsync(ServerMessageWriter.FunctionCallStopped(functionName, toolCallId, level, cancelled, result), cancellationToken)
            : default;
    }

    /// <summary><c>ui-command</c> (1.3+ clients): a named command for the client's UI with an optional payload.</summary>
    public ValueTask UiCommandAsync(string command, JsonElement? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        return _session.ClientAtLeast(1, 3)
            ? _session.SendAsync(ServerMessageWriter.UiCommand(command, payload is { } p ? RtviResult.FromElement(p) : RtviResult.None), cancellationToken)
            : default;
    }

    /// <summary><c>ui-command</c> (1.3+ clients) with a payload serialized through source-generated metadata.</summary>
    public ValueTask UiCommandAsync<T>(string command, T payload, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        return _session.ClientAtLeast(1, 3)
            ? _session.SendAsync(ServerMessageWriter.UiCommand(command, RtviResult.FromJson(payload, typeInfo)), cancellationToken)
            : default;
    }

    /// <summary><c>ui-job-group</c> <c>group_started</c> (1.4+ clients): a group of jobs began.</summary>
    public ValueTask UiJobGroupStartedAsync(string jobId, IReadOnlyList<string>? workers = null, string? label = null, bool cancellable = true, CancellationToken cancellationToken = default) =>
        JobGroup("group_started", jobId, (workers, label, cancellable), static (w, s) =>
        {
            if (s.workers is not null)
            {
                w.WriteStartArray("workers"u8);
                foreach (var worker in s.workers)
                {
                    w.WriteStringValue(worker);
                }
                w.WriteEndArray();
            }
            if (s.label is not null)
            {
                w.WriteString("label"u8, s.label);
            }
            w.WriteBoolean("cancellable"u8, s.cancellable);
        }, cancellationToken);

    /// <summary><c>ui-job-group</c> <c>job_update</c> (1.4+ clients): progress of one worker's job.</summary>
    public ValueTask UiJobUpdateAsync(string jobId, string workerName, JsonElement? data = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerName);
        return JobGroup("job_update", jobId, (workerName, data), static (w, s) =>
        {
            w.WriteString("worker_name"u8, s.workerName);
            WriteOptional(w, "data"u8, s.data);
        }, cancellationToken);
    }

    /// <summary><c>ui-job-group</c> <c>job_completed</c> (1.4+ clients): one worker's job ended with <paramref name="status"/>.</summary>
    public ValueTask UiJobCompletedAsync(string jobId, string workerName, string status, JsonElement? response = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerName);
        ArgumentException.ThrowIfNullOrEmpty(status);
        return JobGroup("job_completed", jobId, (workerName, status, response), static (w, s) =>
        {
            w.WriteString("worker_name"u8, s.workerName);
            w.WriteString("status"u8, s.status);
            WriteOptional(w, "response"u8, s.response);
        }, cancellationToken);
    }

    /// <summary><c>ui-job-group</c> <c>group_completed</c> (1.4+ clients): every job of the group ended.</summary>
    public ValueTask UiJobGroupCompletedAsync(string jobId, CancellationToken cancellationToken = default) =>
        JobGroup("group_completed", jobId, 0, static (_, _) => { }, cancellationToken);

    /// <summary>
    /// Sends a message of an app-defined <paramref name="type"/> (kebab-case, not a type of the protocol) with the RTVI
    /// label and <paramref name="data"/> as its <c>data</c>, to every client generation. Clients pass unknown types to
    /// their generic message callback.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not kebab-case or is a protocol message type.</exception>
    public ValueTask SendCustomAsync<T>(string type, T data, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ValidateCustomType(type);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return _session.SendAsync(ServerMessageWriter.Custom(type, RtviResult.FromJson(data, typeInfo)), cancellationToken);
    }

    /// <summary>Sends a message of an app-defined <paramref name="type"/> with a JSON <c>data</c> (none when null); see <see cref="SendCustomAsync{T}"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not kebab-case or is a protocol message type.</exception>
    public ValueTask SendCustomAsync(string type, JsonElement? data = null, CancellationToken cancellationToken = default)
    {
        ValidateCustomType(type);
        return _session.SendAsync(ServerMessageWriter.Custom(type, data is { } d ? RtviResult.FromElement(d) : RtviResult.None), cancellationToken);
    }

    private bool ReportsFunctionCalls(RtviFunctionCallReportLevel level) =>
        level != RtviFunctionCallReportLevel.Disabled && _session.ClientAtLeast(1, 2);

    private ValueTask JobGroup<TState>(string kind, string jobId, TState state, Action<Utf8JsonWriter, TState> writeMembers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return _session.ClientAtLeast(1, 4)
            ? _session.SendAsync(ServerMessageWriter.UiJobGroup(kind, jobId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), state, writeMembers), cancellationToken)
            : default;
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonElement? value)
    {
        if (value is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } present)
        {
            writer.WritePropertyName(name);
            present.WriteTo(writer);
        }
    }

    private static void ValidateCustomType(string type)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        if (!IsKebabCase(type) || IsProtocolType(type))
        {
            throw new ArgumentException($"'{type}' is not a custom message type: use kebab-case that no RTVI message type uses.", nameof(type));
        }
    }

    private static bool IsKebabCase(string type)
    {
        var previousDash = true;
        foreach (var c in type)
        {
            var dash = c == '-';
            if (!(dash || char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) || (dash && previousDash))
            {
                return false;
            }
            previousDash = dash;
        }
        return !previousDash && char.IsAsciiLetterLower(type[0]);
    }

    private ValueTask Bare(string type, CancellationToken cancellationToken) =>
        _session.SendAsync(ServerMessageWriter.Build(type, null), cancellationToken);

    /// <summary>Streamed text of the bot's turn: dropped by an interruption while it is queued.</summary>
    private ValueTask TurnText(string type, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _session.SendTurnOutputAsync(ServerMessageWriter.TextEvent(type, text), cancellationToken);
    }

    private ValueTask Text(string type, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _session.SendAsync(ServerMessageWriter.TextEvent(type, text), cancellationToken);
    }
}
