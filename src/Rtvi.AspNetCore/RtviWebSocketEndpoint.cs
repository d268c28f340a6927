using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Rtvi.Transports;

namespace Rtvi.AspNetCore;

/// <summary>The request handler behind <c>MapRtvi</c>: checks the request, accepts the WebSocket, runs one session.</summary>
internal sealed class RtviWebSocketEndpoint
{
    private readonly RtviServer _server;
    private readonly RtviWebSocketOptions _options;
    private readonly ILogger _logger;
    private readonly HashSet<string> _allowedOrigins;

    public RtviWebSocketEndpoint(RtviServer server, RtviWebSocketOptions options, ILogger logger)
    {
        _server = server;
        _options = options;
        _logger = logger;
        _allowedOrigins = new HashSet<string>(options.AllowedOrigins.Select(NormalizeOrigin), StringComparer.OrdinalIgnoreCase);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var origin = context.Request.Headers.Origin;
        if (!IsOriginAllowed(origin))
        {
            EndpointLog.OriginRejected(_logger, origin.ToString());
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        if (!_server.CanAcceptSession)
        {
            // Before the upgrade, so a balancer can retry elsewhere: 503 with a hint, as Kestrel does when draining.
            EndpointLog.Refused(_logger, _server.IsShuttingDown ? "shutting down" : "at the session limit");
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return;
        }
        if (_options.Authorize is { } authorize && !await AuthorizeAsync(authorize, context).ConfigureAwait(false))
        {
            if (!context.Response.HasStarted && context.Response.StatusCode != StatusCodes.Status500InternalServerError)
            {
                EndpointLog.Unauthorized(_logger);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            }
            return;
        }

        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = _options.KeepAliveInterval,
            KeepAliveTimeout = _options.KeepAliveTimeout,
        }).ConfigureAwait(false);
        var request = context.Request;
        var connection = new RtviWebSocketConnection(socket)
        {
            Request = new RtviRequest(request.PathBase + request.Path, request.Query, request.Headers, context.User),
        };
        await using (connection.ConfigureAwait(false))
        {
            await _server.RunSessionAsync(connection, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the app's hook; a hook that throws is logged and answered 500, never left to surface unlogged.</summary>
    private async ValueTask<bool> AuthorizeAsync(Func<HttpContext, ValueTask<bool>> authorize, HttpContext context)
    {
        try
        {
            return await authorize(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            EndpointLog.AuthorizeFailed(_logger, exception);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
            return false;
        }
    }

    private bool IsOriginAllowed(StringValues origin) =>
        _allowedOrigins.Count == 0
        || origin.Count == 0
        || (origin.Count == 1 && _allowedOrigins.Contains(NormalizeOrigin(origin[0]!)));

    private static string NormalizeOrigin(string origin) => origin.Trim().TrimEnd('/');
}
