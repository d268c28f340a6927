namespace Rtvi;

/// <summary>
/// How bot audio is paced and how the speaking events follow it (<see cref="RtviServerOptions.BotAudio"/>); see
/// <see cref="RtviBotAudio"/> and docs/audio.md.
/// </summary>
public sealed class RtviBotAudioOptions
{
    /// <summary>
    /// How far ahead of real playback the client may hold audio (default 150 ms). Audio is sent in frames of
    /// <see cref="FrameDuration"/> as soon as the client would hold no more than this; a writer waits for the rest.
    /// Below one frame, each frame goes out only when the client has played everything before it.
    /// </summary>
    public TimeSpan Lead { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>The duration of the audio frames sent to the client (default 20 ms); whatever size a writer gives is cut into these.</summary>
    public TimeSpan FrameDuration { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How long after the end of the last audio sent the bot counts as stopped (default 350 ms): audio that follows
    /// within this gap continues the same speech, so short pauses between sentences send no speaking events.
    /// </summary>
    public TimeSpan StoppedSpeakingDelay { get; set; } = TimeSpan.FromMilliseconds(350);

    /// <summary>
    /// Whether <c>bot-started-speaking</c> and <c>bot-stopped-speaking</c> are sent from the audio (default true); turn it
    /// off only when the app sends them itself.
    /// </summary>
    public bool SendsSpeakingEvents { get; set; } = true;

    /// <summary>
    /// How long <see cref="RtviBotAudio.SendBotOutputAsync"/> holds a spoken segment's <c>bot-output</c> waiting for the
    /// bot to start speaking (default 5 s, at most 1 min): audio that has not started by then is not waited for, and the
    /// output is sent. Zero sends it at once.
    /// </summary>
    public TimeSpan OutputHoldTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        InRange(Lead, TimeSpan.Zero, TimeSpan.FromSeconds(10), nameof(Lead));
        InRange(FrameDuration, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1), nameof(FrameDuration));
        InRange(StoppedSpeakingDelay, TimeSpan.Zero, TimeSpan.FromSeconds(10), nameof(StoppedSpeakingDelay));
        InRange(OutputHoldTimeout, TimeSpan.Zero, TimeSpan.FromMinutes(1), nameof(OutputHoldTimeout));
    }

    private static void InRange(TimeSpan value, TimeSpan minimum, TimeSpan maximum, string name)
    {
        if (value < minimum || value > maximum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"RtviBotAudioOptions.{name} must be between {minimum} and {maximum}.");
        }
    }
}
