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
        if (_session.Generation == RtviClientGeneration.V2 && aggregatedBy is "word" or "token")
        {
            return default;
        }
        return _session.SendAsync(ServerMessageWriter.BotOutput(text, aggregatedBy, spoken, segmentId), cancellationToken);
    }

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

    private ValueTask Bare(string type, CancellationToken cancellationToken) =>
        _session.SendAsync(ServerMessageWriter.Build(type, null), cancellationToken);

    private ValueTask Text(string type, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _session.SendAsync(ServerMessageWriter.TextEvent(type, text), cancellationToken);
    }
}
