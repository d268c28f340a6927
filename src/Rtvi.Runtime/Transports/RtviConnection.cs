namespace Rtvi.Transports;

/// <summary>What the transport received.</summary>
public enum RtviFrameKind
{
    /// <summary>One RTVI JSON envelope (UTF-8).</summary>
    Message,
    /// <summary>Client audio (16-bit PCM).</summary>
    Audio,
    /// <summary>A message larger than the limit; its content was discarded unread.</summary>
    Oversized,
    /// <summary>A frame the transport could not decode (e.g. bad protobuf); dropped.</summary>
    Undecodable,
    /// <summary>The peer closed the connection.</summary>
    Closed,
}

/// <summary>One inbound frame. <see cref="Payload"/> is owned by the receiver once returned.</summary>
public readonly record struct RtviInboundFrame(RtviFrameKind Kind, ReadOnlyMemory<byte> Payload, int SampleRate = 0, int NumChannels = 0)
{
    /// <summary>The end of the stream.</summary>
    public static RtviInboundFrame Closed => new(RtviFrameKind.Closed, default);
}

/// <summary>
/// A bidirectional message transport for one client session. Receives and sends are each called from a single
/// loop, never concurrently with themselves.
/// </summary>
public abstract class RtviConnection : IAsyncDisposable
{
    /// <summary>Reads the next frame, enforcing <paramref name="maxMessageBytes"/>.</summary>
    public abstract ValueTask<RtviInboundFrame> ReceiveAsync(int maxMessageBytes, CancellationToken cancellationToken);

    /// <summary>Sends one RTVI JSON envelope (UTF-8); <paramref name="json"/> is valid only until the returned task completes.</summary>
    public abstract ValueTask SendMessageAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken);

    /// <summary>The request the connection came from (set by the endpoint that accepted it); <c>null</c> when there is none.</summary>
    public RtviRequest? Request { get; init; }

    /// <summary>Whether <see cref="SendAudioAsync"/> reaches the client.</summary>
    public virtual bool SupportsAudio => false;

    /// <summary>Sends bot audio (16-bit PCM); ignored by transports without audio. <paramref name="pcm"/> is valid only until the returned task completes.</summary>
    public virtual ValueTask SendAudioAsync(ReadOnlyMemory<byte> pcm, int sampleRate, int numChannels, CancellationToken cancellationToken) => default;

    /// <summary>
    /// Tears the connection down at once, without a close handshake: pending and later sends and receives fail or end.
    /// Called when the client stopped reading or the session must end now; it must not block and may be called from any
    /// thread, also while a send or receive is in progress.
    /// </summary>
    public virtual void Abort()
    {
    }

    /// <summary>Closes the connection after everything sent so far.</summary>
    public virtual ValueTask CloseAsync(CancellationToken cancellationToken) => default;

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return default;
    }
}
