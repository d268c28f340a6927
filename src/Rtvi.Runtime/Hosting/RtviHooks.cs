namespace Rtvi;

/// <summary>
/// Application hooks. Session and client-ready hooks run in order with control messages; send-text, append-to-context,
/// dtmf and ui-* hooks run on the session's event lane (sequential, never blocking control messages); the audio hook
/// runs inline and must return quickly. A throwing hook is logged; the session goes on.
/// </summary>
public sealed class RtviHooks
{
    /// <summary>A session started (before any message is read).</summary>
    public Func<RtviSession, CancellationToken, ValueTask>? OnSessionStarted { get; set; }
    /// <summary>A session ended (the connection is closed or closing).</summary>
    public Func<RtviSession, ValueTask>? OnSessionEnded { get; set; }
    /// <summary><c>client-ready</c> arrived; with manual readiness call <see cref="RtviSession.SetBotReadyAsync"/> from here or later.</summary>
    public Func<RtviSession, RtviClientReady, CancellationToken, ValueTask>? OnClientReady { get; set; }
    /// <summary>The bot was interrupted (update-config with interrupt, send-text/append-to-context run immediately, or the app).</summary>
    public Func<RtviSession, CancellationToken, ValueTask>? OnInterrupted { get; set; }
    /// <summary><c>send-text</c>. The token is cancelled on the next interruption or at session end.</summary>
    public Func<RtviSession, RtviSendText, CancellationToken, ValueTask>? OnSendText { get; set; }
    /// <summary><c>append-to-context</c> (1.x legacy).</summary>
    public Func<RtviSession, RtviAppendToContext, CancellationToken, ValueTask>? OnAppendToContext { get; set; }
    /// <summary><c>dtmf</c>.</summary>
    public Func<RtviSession, RtviDtmf, CancellationToken, ValueTask>? OnDtmf { get; set; }
    /// <summary><c>ui-event</c>.</summary>
    public Func<RtviSession, RtviUiEvent, CancellationToken, ValueTask>? OnUiEvent { get; set; }
    /// <summary><c>ui-snapshot</c>.</summary>
    public Func<RtviSession, RtviUiSnapshot, CancellationToken, ValueTask>? OnUiSnapshot { get; set; }
    /// <summary><c>ui-cancel-job-group</c>.</summary>
    public Func<RtviSession, RtviUiCancelJobGroup, CancellationToken, ValueTask>? OnUiCancelJobGroup { get; set; }
    /// <summary>
    /// Microphone audio: protobuf audio frames, <c>raw-audio</c> and <c>raw-audio-batch</c>. Runs inline: return quickly
    /// (<see cref="RtviSession.ReadAudioAsync"/> is the bounded stream for slower consumers).
    /// </summary>
    public Func<RtviSession, RtviAudioFrame, CancellationToken, ValueTask>? OnAudio { get; set; }
}
