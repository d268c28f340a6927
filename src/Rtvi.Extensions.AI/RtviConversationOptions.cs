using Microsoft.Extensions.AI;

namespace Rtvi.Extensions.AI;

/// <summary>
/// Defaults for every session's <see cref="RtviConversation"/>, set with
/// <see cref="RtviConversationBuilderExtensions.AddConversation"/>. Each session copies them and may change its own copy
/// (for example from <c>[RtviOption]</c> handlers).
/// </summary>
public sealed class RtviConversationOptions
{
    /// <summary>The model id passed to the chat client (<see cref="ChatOptions.ModelId"/>); null leaves the client's default.</summary>
    public string? Model { get; set; }

    /// <summary>The sampling temperature; null leaves the client's default.</summary>
    public double? Temperature { get; set; }

    /// <summary>The system prompt that starts every request; none when null or empty.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>How many history messages (the system prompt not counted) a session keeps; older turns are dropped whole. Default 100.</summary>
    public int MaxHistoryMessages { get; set; } = 100;

    /// <summary>The processor name in <c>metrics</c> (default <c>"llm"</c>).</summary>
    public string ProcessorName { get; set; } = "llm";

    /// <summary>
    /// Whether the bot's answers are spoken (a TTS follows the LLM): <c>bot-output</c>'s <c>spoken</c> and
    /// <c>will_be_spoken</c>. A <c>send-text</c> with <c>audio_response: false</c> is never spoken. Default true.
    /// </summary>
    public bool SpeaksOutput { get; set; } = true;

    /// <summary>
    /// Speaks the bot's answers (the app's TTS): called for every aggregate of a spoken turn, right after its
    /// <c>bot-output</c> is sent or held, with a segment of the same text, <c>segment_id</c> and <c>aggregated_by</c>,
    /// and the turn's token (cancelled when the turn is interrupted). With a TTS the turn's <c>bot-output</c> waits for
    /// the bot to start speaking (<see cref="RtviBotAudio.SendBotOutputAsync"/>) on transports that carry audio. Write the audio to <see cref="RtviSession.BotAudio"/> with that
    /// segment so that 2.x clients get its spoken progress (docs/audio.md). It runs on the turn, in stream order: queue
    /// the synthesis and return, or the turn waits for it. An exception ends the turn as a failing model does. None by
    /// default.
    /// </summary>
    public Func<RtviSession, RtviSpokenSegment, CancellationToken, ValueTask>? Speak { get; set; }

    /// <summary>Creates the aggregator of one turn's <c>bot-output</c> (default: <see cref="RtviSentenceAggregator"/>).</summary>
    public Func<RtviTextAggregator> Aggregator { get; set; } = static () => new RtviSentenceAggregator();

    /// <summary>
    /// Functions the bot runs itself, offered to the model in every session. The conversation reports their calls to 1.2+
    /// clients (<c>llm-function-call-started</c> / <c>-in-progress</c> / <c>-stopped</c>) at the session's report level.
    /// </summary>
    public IList<AITool> Tools { get; } = [];

    /// <summary>
    /// Tools of one session, created when it starts: typically <see cref="RtviClientFunction"/>s, which run in the client
    /// and report themselves through the function-call relay.
    /// </summary>
    public Func<RtviSession, IEnumerable<AITool>>? SessionTools { get; set; }

    /// <summary>
    /// Report level per function name for the functions the bot runs itself; <c>"*"</c> is the default (Full when absent).
    /// Each session starts with a copy.
    /// </summary>
    public IDictionary<string, RtviFunctionCallReportLevel> FunctionCallReportLevels { get; } =
        new Dictionary<string, RtviFunctionCallReportLevel>(StringComparer.Ordinal);

    /// <summary>
    /// Whether the conversation registers the 0.3 <c>llm</c> service actions (<c>append_to_messages</c>,
    /// <c>get_context</c>, <c>set_context</c>, <c>run</c>) that 0.x clients' LLM helper calls (default true). Turn it off
    /// when the bot registers actions of that service itself.
    /// </summary>
    public bool RegisterLlmActions { get; set; } = true;

    /// <summary>The service of those actions (default <c>"llm"</c>, the name 0.x clients register their LLM helper under).</summary>
    public string LlmActionService { get; set; } = "llm";

    /// <summary>The chat client; when null, the <see cref="IChatClient"/> registered in the service collection.</summary>
    public IChatClient? ChatClient { get; set; }
}
