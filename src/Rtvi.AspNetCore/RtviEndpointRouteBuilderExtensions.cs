using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rtvi;
using Rtvi.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the RTVI WebSocket endpoint.</summary>
public static class RtviEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves RTVI sessions over WebSockets at <paramref name="pattern"/>: one session per connection, run by the
    /// <see cref="RtviServer"/> registered with <c>AddRtvi()</c>, with <see cref="RtviWebSocketOptions"/> from DI.
    /// </summary>
    /// <remarks>
    /// A request that is not a WebSocket request gets 400, a disallowed <c>Origin</c> 403, a request the
    /// <see cref="RtviWebSocketOptions.Authorize"/> hook refuses 401. The WebSocket is accepted without a subprotocol; the
    /// framing (protobuf <c>pipecat.Frame</c> or JSON text) follows the client, see <see cref="Rtvi.Transports.RtviWebSocketConnection"/>.
    /// <c>UseWebSockets()</c> is applied to this endpoint, so the app need not call it. When the host stops (SIGTERM), the
    /// server shuts down gracefully (<see cref="RtviServer.BeginShutdown"/>) and further requests get 503, as they do
    /// beyond <see cref="RtviLimits.MaxSessions"/>.
    /// </remarks>
    /// <returns>A builder for endpoint conventions (authorization policies, CORS, host filters…).</returns>
    public static IEndpointConventionBuilder MapRtvi(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/ws")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var services = endpoints.ServiceProvider;
        var server = services.GetService<RtviServer>()
            ?? throw new InvalidOperationException("MapRtvi needs an RTVI server: call services.AddRtvi() when configuring services.");
        var options = services.GetRequiredService<IOptions<RtviWebSocketOptions>>().Value;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("Rtvi.AspNetCore") ?? NullLogger.Instance;
        var endpoint = new RtviWebSocketEndpoint(server, options, logger);
        // Sessions start ending when the host starts stopping, before Kestrel waits for its requests: a SIGTERM ends
        // every session within the grace period instead of the host's shutdown timeout.
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(static s => ((RtviServer)s!).BeginShutdown(), server);

        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(endpoint.InvokeAsync);
        return endpoints.Map(pattern, pipeline.Build()).WithDisplayName("RTVI WebSocket " + pattern);
    }
}
