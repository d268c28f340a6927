namespace Rtvi.AspNetCore.Configuration;

/// <summary><c>Rtvi:BotAudio</c>: the <see cref="RtviBotAudioOptions"/> a configuration sets; absent keys keep their defaults.</summary>
internal sealed class RtviBotAudioSettings
{
    public TimeSpan? Lead { get; set; }

    public TimeSpan? FrameDuration { get; set; }

    public TimeSpan? StoppedSpeakingDelay { get; set; }

    public bool? SendsSpeakingEvents { get; set; }

    public TimeSpan? OutputHoldTimeout { get; set; }

    public void ApplyTo(RtviBotAudioOptions options)
    {
        options.Lead = Lead ?? options.Lead;
        options.FrameDuration = FrameDuration ?? options.FrameDuration;
        options.StoppedSpeakingDelay = StoppedSpeakingDelay ?? options.StoppedSpeakingDelay;
        options.SendsSpeakingEvents = SendsSpeakingEvents ?? options.SendsSpeakingEvents;
        options.OutputHoldTimeout = OutputHoldTimeout ?? options.OutputHoldTimeout;
    }
}
