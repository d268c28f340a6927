using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rtvi.Protocol;
using Rtvi.Transports;

namespace Rtvi;

/// <summary>
/// An RTVI server: the registry and options shared by every session, and the entry point that runs one session per
/// connection. Create one per app (DI does it with <c>AddRtvi()</c>) and call <see cref="RunSessionAsync"/> per connection.
/// </summary>
public sealed class RtviServer
{
    private static readonly TimeSpan s_refusalTimeout = TimeSpan.FromSeconds(2);

    private readonly ILogger _logger;
    private readonly IServiceScopeFactory? _scopes;
    private readonly IServiceProvider _services;
    private readonly ConcurrentDictionary<RtviSession, byte> _sessions = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _activeSessions;
    private volatile bool _shuttingDown;

    /// <summary>Creates a server.</summary>
    /// <param name="registry">Services, options, actions and client-message handlers.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="services">The app's root service provider; each session gets its own scope.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit in <paramref name="options"/> is not positive.</exception>
    public RtviServer(RtviRegistry registry, RtviServerOptions? options = null, ILoggerFactory? loggerFactory = null, IServiceProvider? services = null)
    {
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        Options = options ?? new RtviServerOptions();
        Options.Limits.Validate();
        Options.BotAudio.Validate();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Rtvi");
        _services = services ?? EmptyServiceProvider.Instance;
        _scopes = services?.GetService<IServiceScopeFactory>();
        RtviTelemetry.Track(this);
    }

    /// <summary>The registry shared by all sessions.</summary>
    public RtviRegistry Registry { get; }

    /// <summary>The server options.</summary>
    public RtviServerOptions Options { get; }

    /// <summary>The number of sessions running now.</summary>
    public int ActiveSessions => Volatile.Read(ref _activeSessions);

    /// <summary>The sessions running now.</summary>
    internal ICollection<RtviSession> Sessions => _sessions.Keys;

    /// <summary>Whether <see cref="BeginShutdown"/> was called: new connections are refused.</summary>
    public bool IsShuttingDown => _shuttingDown;

    /// <summary>Whether a new session would be accepted now (not shutting down, below <see cref="RtviLimits.MaxSessions"/>).</summary>
    public bool CanAcceptSession => !_shuttingDown && ActiveSessions < Options.Limits.MaxSessions;

    /// <summary>
    /// Runs one session over <paramref name="connection"/> until it ends; the connection is closed but not disposed. Beyond
    /// <see cref="RtviLimits.MaxSessions"/> or during shutdown the client gets a fatal <c>error</c> and the connection is
    /// closed at once.
    /// </summary>
    public async Task RunSessionAsync(RtviConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (Interlocked.Increment(ref _activeSessions) > Options.Limits.MaxSessions || _shuttingDown)
        {
            LeaveSession();
            var reason = _shuttingDown ? RtviErrorText.ServerShuttingDown : RtviErrorText.ServerBusy;
            Log.SessionRefused(_logger, reason);
            await RefuseAsync(connection, reason).ConfigureAwait(false);
            return;
        }
        var scope = _scopes?.CreateAsyncScope();
        RtviSession? session = null;
        Activity? activity = null;
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            session = new RtviSession(this, connection, scope?.ServiceProvider ?? _services, _logger);
            activity = RtviTelemetry.SessionStarted(session);
            if (scope?.ServiceProvider.GetService<IRtviSessionAccessor>() is RtviSessionAccessor accessor)
            {
                accessor.Session = session;
            }
            _sessions.TryAdd(session, 0);
            if (_shuttingDown)
            {
                session.Shutdown();
            }
            await session.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (session is not null)
            {
                _sessions.TryRemove(session, out _);
                RtviTelemetry.SessionEnded(session, activity, startedAt);
            }
            if (scope is { } s)
            {
                await s.DisposeAsync().ConfigureAwait(false);
            }
            LeaveSession();
        }
    }

    /// <summary>
    /// Starts a graceful shutdown: new connections are refused, and every session tells its client (fatal <c>error</c>),
    /// settles its pending function calls, cancels its handlers and closes within <see cref="RtviLimits.ShutdownGracePeriod"/>.
    /// </summary>
    public void BeginShutdown()
    {
        if (_shuttingDown)
        {
            return;
        }
        _shuttingDown = true;
        Log.ShutdownStarted(_logger, _sessions.Count);
        foreach (var session in _sessions.Keys)
        {
            session.Shutdown();
        }
        if (ActiveSessions == 0)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Calls <see cref="BeginShutdown"/> and waits until every session has ended or <paramref name="cancellationToken"/> fires.</summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        BeginShutdown();
        await _drained.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void LeaveSession()
    {
        if (Interlocked.Decrement(ref _activeSessions) == 0 && _shuttingDown)
        {
            _drained.TrySetResult();
        }
    }

    private async Task RefuseAsync(RtviConnection connection, string reason)
    {
        using var timeout = new CancellationTokenSource(s_refusalTimeout);
        try
        {
            await connection.SendMessageAsync(ServerMessageWriter.ErrorEvent(reason, fatal: true), timeout.Token).ConfigureAwait(false);
            await connection.CloseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or System.Net.WebSockets.WebSocketException or InvalidOperationException)
        {
            Log.TransportFailed(_logger, exception, "(refused)");
            connection.Abort();
        }
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
