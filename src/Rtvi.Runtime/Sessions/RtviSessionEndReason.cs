namespace Rtvi;

/// <summary>Why a session ended.</summary>
public enum RtviSessionEndReason
{
    /// <summary>The client closed the connection (after everything it sent was answered, within the grace period).</summary>
    ClientClosed,
    /// <summary>The client sent <c>disconnect-bot</c>.</summary>
    ClientDisconnected,
    /// <summary>The app ended it (<see cref="RtviSession.Disconnect"/> or a fatal <see cref="RtviSession.SendErrorAsync"/>).</summary>
    ServerDisconnected,
    /// <summary>The handshake did not complete within <see cref="RtviLimits.HandshakeTimeout"/>.</summary>
    HandshakeTimedOut,
    /// <summary>The client sent more than <see cref="RtviLimits.MaxBytesBeforeClientReady"/> before <c>client-ready</c>.</summary>
    OverBudget,
    /// <summary>The client stopped reading: its output waited longer than <see cref="RtviLimits.OutboxSendTimeout"/>.</summary>
    Stalled,
    /// <summary>The transport failed.</summary>
    TransportFailed,
    /// <summary>The server is shutting down.</summary>
    ServerShutdown,
    /// <summary>The token passed to <see cref="RtviServer.RunSessionAsync"/> was cancelled (e.g. the HTTP request was aborted).</summary>
    Cancelled,
}
