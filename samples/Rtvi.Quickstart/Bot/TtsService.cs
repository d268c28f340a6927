using Rtvi.Quickstart.Conversation;

namespace Rtvi.Quickstart.Bot;

/// <summary>The <c>tts</c> service of a text-only bot: a voice setting and a "say" that emits the speech events.</summary>
[RtviService("tts")]
public sealed class TtsService(ConversationState state)
{
    private static readonly string[] s_voices = ["aurora", "breeze", "cobalt"];

    /// <summary>The voice the bot would speak with.</summary>
    [RtviOption("voice")]
    public void SetVoice(string voice) => state.Voice = voice;

    /// <summary>The voices there are.</summary>
    [RtviAction("voices")]
    public string[] Voices() => s_voices;

    /// <summary>"Speaks" a text: bot-tts-started, bot-tts-text, bot-output, bot-tts-stopped.</summary>
    [RtviAction("say")]
    public async Task<bool> SayAsync(string text, RtviSession session, CancellationToken cancellationToken)
    {
        await session.Events.BotTtsStartedAsync(cancellationToken);
        await session.Events.BotTtsTextAsync(text, cancellationToken);
        await session.Events.BotOutputAsync(text, cancellationToken: cancellationToken);
        await session.Events.BotTtsStoppedAsync(cancellationToken);
        return true;
    }
}
