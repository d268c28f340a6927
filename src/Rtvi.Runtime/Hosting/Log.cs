using Microsoft.Extensions.Logging;

namespace Rtvi;

/// <summary>The runtime's log messages. Client-supplied text goes through <see cref="LogText.Escape"/> first.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Session {SessionId} started")]
    public static partial void SessionStarted(ILogger logger, string sessionId);

    [LoggerMessage(2, LogLevel.Debug, "Session {SessionId} ended: {Reason}")]
    public static partial void SessionEnded(ILogger logger, string sessionId, RtviSessionEndReason reason);

    [LoggerMessage(3, LogLevel.Debug, "Session {SessionId}: ignored a message that is not an RTVI envelope")]
    public static partial void IgnoredNonRtvi(ILogger logger, string sessionId);

    public static void InvalidMessage(ILogger logger, string sessionId, string reason) => InvalidMessageCore(logger, sessionId, LogText.Escape(reason));

    [LoggerMessage(4, LogLevel.Warning, "Session {SessionId}: invalid message: {Reason}")]
    private static partial void InvalidMessageCore(ILogger logger, string sessionId, string reason);

    public static void HandlerFailed(ILogger logger, Exception exception, string sessionId, string messageType) =>
        HandlerFailedCore(logger, exception, sessionId, LogText.Escape(messageType));

    [LoggerMessage(5, LogLevel.Error, "Session {SessionId}: handler for {MessageType} failed")]
    private static partial void HandlerFailedCore(ILogger logger, Exception exception, string sessionId, string messageType);

    [LoggerMessage(6, LogLevel.Error, "Session {SessionId}: hook {Hook} failed")]
    public static partial void HookFailed(ILogger logger, Exception exception, string sessionId, string hook);

    [LoggerMessage(7, LogLevel.Warning, "Session {SessionId}: initial config names {Service}.{Option}, which is not registered or not bindable")]
    public static partial void InitialConfigSkipped(ILogger logger, string sessionId, string service, string option);

    [LoggerMessage(8, LogLevel.Warning, "Session {SessionId}: the client read nothing for {Timeout}; aborting the connection")]
    public static partial void OutboxStalled(ILogger logger, string sessionId, TimeSpan timeout);

    [LoggerMessage(9, LogLevel.Debug, "Session {SessionId}: transport failed")]
    public static partial void TransportFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(10, LogLevel.Warning, "Session {SessionId}: dropped a frame: {Reason}")]
    public static partial void DroppedFrame(ILogger logger, string sessionId, string reason);

    [LoggerMessage(11, LogLevel.Warning, "Session {SessionId}: {Lane} is full; refused a {MessageType}")]
    public static partial void LaneFull(ILogger logger, string sessionId, string lane, string messageType);

    [LoggerMessage(12, LogLevel.Warning, "Session {SessionId}: the handshake did not complete within {Timeout}; ending the session")]
    public static partial void HandshakeTimedOut(ILogger logger, string sessionId, TimeSpan timeout);

    [LoggerMessage(13, LogLevel.Warning, "Session {SessionId}: more than {Bytes} bytes before client-ready; ending the session")]
    public static partial void TooMuchBeforeClientReady(ILogger logger, string sessionId, long bytes);

    [LoggerMessage(14, LogLevel.Warning, "Session {SessionId}: {Part} did not stop within {Timeout} of the session's end; abandoned")]
    public static partial void Abandoned(ILogger logger, string sessionId, string part, TimeSpan timeout);

    [LoggerMessage(15, LogLevel.Information, "Shutting down: ending {Count} RTVI sessions")]
    public static partial void ShutdownStarted(ILogger logger, int count);

    [LoggerMessage(16, LogLevel.Warning, "Refused a session: {Reason}")]
    public static partial void SessionRefused(ILogger logger, string reason);

    [LoggerMessage(17, LogLevel.Warning, "Session {SessionId}: the audio reader fell behind ({Bytes} bytes or {Frames} frames queued); dropping the oldest frames")]
    public static partial void AudioInputOverflow(ILogger logger, string sessionId, long bytes, int frames);
}
