using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Rtvi.Protocol;
using static Rtvi.Protocol.RtviMessageTypes;

namespace Rtvi;

/// <summary>One entry of a <c>metrics</c> event list: which processor, optionally which model, and the value.</summary>
public sealed record RtviMetric(string Processor, double Value, string? Model = null);

/// <summary>Token usage for a <c>metrics</c> event.</summary>
public sealed record RtviTokenUsage(string Processor, long PromptTokens, long CompletionTokens, string? Model = null)
{
    /// <summary>Prompt plus completion tokens.</summary>
    public long TotalTokens => PromptTokens + CompletionTokens;
}

/// <summary>A <c>metrics</c> event: any of time to first byte, processing time, token usage and characters.</summary>
public sealed record RtviMetrics
{
    /// <summary>Time to first byte, seconds.</summary>
    public IReadOnlyList<RtviMetric>? Ttfb { get; init; }
    /// <summary>Processing time, seconds.</summary>
    public IReadOnlyList<RtviMetric>? Processing { get; init; }
    /// <summary>Token usage.</summary>
    public IReadOnlyList<RtviTokenUsage>? Tokens { get; init; }
    /// <summary>Characters synthesized.</summary>
    public IReadOnlyList<RtviMetric>? Characters { get; init; }
}

/// <summary>
/// Typed bot and user events. Each method writes the message the client's protocol generation understands: for example
/// <see cref="BotOutputAsync"/> becomes <c>bot-output</c> for 1.1+ clients and <c>bot-transcription</c> for 0.3 clients,
/// and events a generation does not know are not sent to it.
/// </summary>
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
    public ValueTask BotLlmTextAsync(string text, CancellationToken cancellationToken = default) => Text(BotLlmText, text, cancellationToken);
    /// <summary><c>bot-tts-text</c>: text as it is spoken.</summary>
    public ValueTask BotTtsTextAsync(string text, CancellationToken cancellationToken = default) => Text(BotTtsText, text, cancellationToken);
    /// <summary><c>bot-transcription</c>: a complete sentence of bot output.</summary>
    public ValueTask BotTranscriptionAsync(string text, CancellationToken cancellationToken = default) => Text(BotTranscription, text, cancellationToken);
    /// <summary><c>user-llm-text</c>: the user turn as given to the LLM.</summary>
    public ValueTask UserLlmTextAsync(string text, CancellationToken cancellationToken = default) => Text(UserLlmText, text, cancellationToken);

    /// <summary><c>user-transcription</c>.</summary>
    public ValueTask UserTranscriptionAsync(string text, bool final, string userId = "", DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default) =>
        _session.SendAsync(MessageWriter.Build(UserTranscription, null, (text, final, userId, timestamp ?? DateTimeOffset.UtcNow), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("text"u8, s.text);
            w.WriteString("user_id"u8, s.userId);
            w.WriteString("timestamp"u8, s.Item4.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteBoolean("final"u8, s.final);
            w.WriteEndObject();
        }), cancellationToken);

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
        if (_session.Generation == RtviClientGeneration.V2 && aggregatedBy is "word" or "token")
        {
            return default;
        }
        return _session.SendAsync(MessageWriter.Build(BotOutput, null, (text, aggregatedBy, spoken, segmentId), static (w, s) =>
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
        }), cancellationToken);
    }

    /// <summary><c>user-mute-started</c> (1.2+ clients).</summary>
    public ValueTask UserMuteStartedAsync(CancellationToken cancellationToken = default) =>
        _session.ClientAtLeast(1, 2) ? Bare(UserMuteStarted, cancellationToken) : default;
    /// <summary><c>user-mute-stopped</c> (1.2+ clients).</summary>
    public ValueTask UserMuteStoppedAsync(CancellationToken cancellationToken = default) =>
        _session.ClientAtLeast(1, 2) ? Bare(UserMuteStopped, cancellationToken) : default;

    /// <summary><c>server-message</c> with an app payload.</summary>
    public ValueTask ServerMessageAsync(RtviResult payload, CancellationToken cancellationToken = default) =>
        _session.SendAsync(MessageWriter.Build(ServerMessage, null, payload, static (w, p) =>
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
        }), cancellationToken);

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
        return _session.SendAsync(MessageWriter.Build(Metrics, null, metrics, static (w, m) =>
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
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }), cancellationToken);
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

    private ValueTask Bare(string type, CancellationToken cancellationToken) =>
        _session.SendAsync(MessageWriter.Build(type, null), cancellationToken);

    private ValueTask Text(string type, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _session.SendAsync(MessageWriter.TextEvent(type, text), cancellationToken);
    }
}
