using Microsoft.Extensions.Logging;

namespace Rtvi.AspNetCore;

internal static partial class EndpointLog
{
    public static void OriginRejected(ILogger logger, string origin) => OriginRejectedCore(logger, LogText.Escape(origin));

    [LoggerMessage(101, LogLevel.Information, "RTVI WebSocket request from origin {Origin} rejected: origin not allowed")]
    private static partial void OriginRejectedCore(ILogger logger, string origin);

    [LoggerMessage(102, LogLevel.Information, "RTVI WebSocket request rejected by the Authorize hook")]
    public static partial void Unauthorized(ILogger logger);

    [LoggerMessage(103, LogLevel.Error, "The RTVI Authorize hook failed; the request gets 500")]
    public static partial void AuthorizeFailed(ILogger logger, Exception exception);

    [LoggerMessage(104, LogLevel.Warning, "RTVI WebSocket request refused with 503: the server is {Reason}")]
    public static partial void Refused(ILogger logger, string reason);
}
