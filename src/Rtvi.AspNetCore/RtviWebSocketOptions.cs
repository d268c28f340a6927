using Microsoft.AspNetCore.Http;

namespace Rtvi.AspNetCore;

/// <summary>
/// Settings of the WebSocket endpoint mapped by <c>MapRtvi</c>. Bound from the
/// <c>"Rtvi"</c> configuration section by <see cref="RtviConfigurationExtensions.BindConfiguration"/>
/// (<c>AllowedOrigins</c>, <c>KeepAliveInterval</c>, <c>KeepAliveTimeout</c>); <see cref="Authorize"/> is set in code.
/// </summary>
public sealed class RtviWebSocketOptions
{
    /// <summary>
    /// Origins allowed to connect, e.g. <c>https://app.example.com</c> (compared without case). When the list is empty,
    /// any origin is accepted. A request whose <c>Origin</c> header names another origin gets 403; a request without an
    /// <c>Origin</c> header (not from a browser, so not exposed to cross-site WebSocket hijacking) is accepted.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// Decides whether a WebSocket request may connect, before it is accepted; <c>false</c> answers 401. Typical use: check
    /// the <c>token</c> query parameter that <c>@pipecat-ai/websocket-transport</c> appends.
    /// </summary>
    public Func<HttpContext, ValueTask<bool>>? Authorize { get; set; }

    /// <summary>How often the server pings the client to keep proxies from closing an idle connection (default 30 s; zero disables).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the server waits for the answer to a keep-alive ping before aborting the connection (default: infinite,
    /// i.e. pings are sent but their answers are not awaited).
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; set; } = Timeout.InfiniteTimeSpan;
}
