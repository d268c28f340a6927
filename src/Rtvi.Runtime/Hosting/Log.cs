using Microsoft.Extensions.Logging;

namespace Rtvi;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Session {SessionId} started")]
    public static partial void SessionStarted(ILogger logger, string sessionId);

    [LoggerMessage(2, LogLevel.Debug, "Session {SessionId} ended")]
    public static partial void SessionEnded(ILogger logger, string sessionId);

    [LoggerMessage(3, LogLevel.Debug, "Session {SessionId}: ignored a message that is not an RTVI envelope")]
    public static partial void IgnoredNonRtvi(ILogger logger, string sessionId);

    [LoggerMessage(4, LogLevel.Warning, "Session {SessionId}: invalid message: {Reason}")]
    public static partial void InvalidMessage(ILogger logger, string sessionId, string reason);

    [LoggerMessage(5, LogLevel.Error, "Session {SessionId}: handler for {MessageType} failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string sessionId, string messageType);

    [LoggerMessage(6, LogLevel.Error, "Session {SessionId}: hook {Hook} failed")]
    public static partial void HookFailed(ILogger logger, Exception exception, string sessionId, string hook);

    [LoggerMessage(7, LogLevel.Warning, "Session {SessionId}: initial config names {Service}.{Option}, which is not registered or not bindable")]
    public static partial void InitialConfigSkipped(ILogger logger, string sessionId, string service, string option);

    [LoggerMessage(8, LogLevel.Warning, "Session {SessionId}: outbox full for {Timeout}; closing the session")]
    public static partial void OutboxStalled(ILogger logger, string sessionId, TimeSpan timeout);

    [LoggerMessage(9, LogLevel.Debug, "Session {SessionId}: transport failed")]
    public static partial void TransportFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(10, LogLevel.Warning, "Session {SessionId}: dropped a frame: {Reason}")]
    public static partial void DroppedFrame(ILogger logger, string sessionId, string reason);
}
