using Microsoft.Extensions.Logging;

namespace Rtvi.AspNetCore;

internal static partial class EndpointLog
{
    [LoggerMessage(101, LogLevel.Information, "RTVI WebSocket request from origin {Origin} rejected: origin not allowed")]
    public static partial void OriginRejected(ILogger logger, string origin);

    [LoggerMessage(102, LogLevel.Information, "RTVI WebSocket request rejected by the Authorize hook")]
    public static partial void Unauthorized(ILogger logger);
}
