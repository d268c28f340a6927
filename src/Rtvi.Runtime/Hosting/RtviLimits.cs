namespace Rtvi;

/// <summary>
/// Enforced limits, in counts and in bytes; every one is configurable. Together they bound what one session can hold:
/// about <see cref="MaxInboxBytes"/> + <see cref="MaxPendingBytes"/> + <see cref="MaxOutboxBytes"/> (+
/// <see cref="MaxAudioInputBytes"/> once its audio stream is read) plus one message of each direction in flight. What each breach gets is listed in docs/reliability.md.
/// </summary>
public sealed class RtviLimits
{
    /// <summary>Largest inbound message in bytes (default 1 MiB). Larger messages are rejected without being parsed.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Inbound messages read but not yet dispatched (default 256); beyond it the transport stops reading (back-pressure).</summary>
    public int InboxCapacity { get; set; } = 256;

    /// <summary>Bytes of inbound messages read but not yet dispatched (default 2 MiB); beyond it the transport stops reading.</summary>
    public long MaxInboxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Outbound messages queued for the client (default 1,024); beyond it senders wait.</summary>
    public int OutboxCapacity { get; set; } = 1024;

    /// <summary>Bytes of outbound messages queued for the client (default 4 MiB); beyond it senders wait.</summary>
    public long MaxOutboxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// How long output may wait for the client to read (default 10 s): a sender waiting this long for outbox room, or
    /// one transport send taking this long, aborts the connection.
    /// </summary>
    public TimeSpan OutboxSendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>State-changing requests held before the bot is ready (default 64); beyond it they are refused.</summary>
    public int MaxHeldRequests { get; set; } = 64;

    /// <summary>Actions and client-messages queued behind the running one (default 256); beyond it they are refused.</summary>
    public int MaxPendingActions { get; set; } = 256;

    /// <summary>App events (send-text, dtmf, ui-*) queued behind the running one (default 256); beyond it they are refused.</summary>
    public int MaxPendingEvents { get; set; } = 256;

    /// <summary>
    /// Bytes of requests held before the bot is ready plus requests queued on the action and event lanes (default 4 MiB);
    /// beyond it requests are refused.
    /// </summary>
    public long MaxPendingBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Bytes a client may send before its <c>client-ready</c> (default 2 MiB); beyond it the client gets a fatal
    /// <c>error</c> and the session ends.
    /// </summary>
    public long MaxBytesBeforeClientReady { get; set; } = 2 * 1024 * 1024;

    /// <summary>Function calls awaiting a client result at once (default 64).</summary>
    public int MaxPendingFunctionCalls { get; set; } = 64;

    /// <summary>
    /// How long the handshake may take (default 30 s): a client that has not sent <c>client-ready</c>, or whose bot is
    /// not ready, by then gets a fatal <c>error</c> and the session ends.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Default time a relayed function call waits for the client's result (default 30 s).</summary>
    public TimeSpan FunctionCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an ending session may take (default 5 s): queued work finishing after the client stops sending, handlers
    /// stopping after cancellation, output flushing. Also the bound of a graceful server shutdown.
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Bytes of inbound audio a session's audio stream (<see cref="RtviSession.ReadAudioAsync"/>) keeps for a reader that
    /// falls behind (default 1 MiB, about 32 s of 16 kHz mono PCM); beyond it the oldest frames are dropped.
    /// </summary>
    public long MaxAudioInputBytes { get; set; } = 1024 * 1024;

    /// <summary>Frames of inbound audio a session's audio stream keeps for a reader that falls behind (default 1,024); beyond it the oldest are dropped.</summary>
    public int MaxAudioInputFrames { get; set; } = 1024;

    /// <summary>Sessions one server runs at once (default 10,000); a connection beyond it is refused.</summary>
    public int MaxSessions { get; set; } = 10_000;

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming the first limit that is out of range: every limit must be
    /// positive, except these, which may be zero: <see cref="MaxHeldRequests"/> (nothing is held before bot-ready),
    /// <see cref="MaxPendingActions"/> and <see cref="MaxPendingEvents"/> (nothing queues behind the running one),
    /// <see cref="MaxPendingFunctionCalls"/> (no client functions) and <see cref="ShutdownGracePeriod"/> (an ending
    /// session waits for nothing).
    /// </summary>
    public void Validate()
    {
        Positive(MaxMessageBytes, nameof(MaxMessageBytes));
        Positive(InboxCapacity, nameof(InboxCapacity));
        Positive(MaxInboxBytes, nameof(MaxInboxBytes));
        Positive(OutboxCapacity, nameof(OutboxCapacity));
        Positive(MaxOutboxBytes, nameof(MaxOutboxBytes));
        NotNegative(MaxHeldRequests, nameof(MaxHeldRequests));
        NotNegative(MaxPendingActions, nameof(MaxPendingActions));
        NotNegative(MaxPendingEvents, nameof(MaxPendingEvents));
        Positive(MaxPendingBytes, nameof(MaxPendingBytes));
        Positive(MaxBytesBeforeClientReady, nameof(MaxBytesBeforeClientReady));
        NotNegative(MaxPendingFunctionCalls, nameof(MaxPendingFunctionCalls));
        Positive(MaxSessions, nameof(MaxSessions));
        Positive(MaxAudioInputBytes, nameof(MaxAudioInputBytes));
        Positive(MaxAudioInputFrames, nameof(MaxAudioInputFrames));
        Positive(OutboxSendTimeout.Ticks, nameof(OutboxSendTimeout));
        Positive(HandshakeTimeout.Ticks, nameof(HandshakeTimeout));
        Positive(FunctionCallTimeout.Ticks, nameof(FunctionCallTimeout));
        NotNegative(ShutdownGracePeriod.Ticks, nameof(ShutdownGracePeriod));
    }

    private static void NotNegative(long value, string name) => AtLeast(0, value, name);

    private static void Positive(long value, string name) => AtLeast(1, value, name);

    private static void AtLeast(long minimum, long value, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"RtviLimits.{name} must be {(minimum == 0 ? "zero or more" : "positive")}.");
        }
    }
}
