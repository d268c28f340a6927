using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rtvi.Transports;

namespace Rtvi;

/// <summary>
/// An RTVI server: the registry and options shared by every session, and the entry point that runs one session per
/// connection. Create one per app (DI does it with <c>AddRtvi()</c>) and call <see cref="RunSessionAsync"/> per connection.
/// </summary>
public sealed class RtviServer
{
    private readonly ILogger _logger;
    private readonly IServiceScopeFactory? _scopes;
    private readonly IServiceProvider _services;
    private int _activeSessions;

    /// <summary>Creates a server.</summary>
    /// <param name="registry">Services, options, actions and client-message handlers.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="services">The app's root service provider; each session gets its own scope.</param>
    public RtviServer(RtviRegistry registry, RtviServerOptions? options = null, ILoggerFactory? loggerFactory = null, IServiceProvider? services = null)
    {
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        Options = options ?? new RtviServerOptions();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Rtvi");
        _services = services ?? EmptyServiceProvider.Instance;
        _scopes = services?.GetService<IServiceScopeFactory>();
    }

    /// <summary>The registry shared by all sessions.</summary>
    public RtviRegistry Registry { get; }

    /// <summary>The server options.</summary>
    public RtviServerOptions Options { get; }

    /// <summary>The number of sessions running now.</summary>
    public int ActiveSessions => Volatile.Read(ref _activeSessions);

    /// <summary>Runs one session over <paramref name="connection"/> until it ends; the connection is closed but not disposed.</summary>
    public async Task RunSessionAsync(RtviConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var scope = _scopes?.CreateAsyncScope();
        Interlocked.Increment(ref _activeSessions);
        try
        {
            var session = new RtviSession(this, connection, scope?.ServiceProvider ?? _services, _logger);
            await session.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _activeSessions);
            if (scope is { } s)
            {
                await s.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
