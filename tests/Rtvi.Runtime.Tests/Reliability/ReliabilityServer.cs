using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rtvi.AspNetCore;
using Rtvi.Conformance;

namespace Rtvi.Tests.Reliability;

/// <summary>
/// The conformance bot (both fixtures, <see cref="RtviProtocolMode.Auto"/>) on one of the real transports, with its log
/// captured and its sessions observable: a real Kestrel server for the WebSocket framings, <see cref="RtviServer"/>
/// over pipes for NDJSON.
/// </summary>
internal sealed class ReliabilityServer : IAsyncDisposable
{
    private readonly WebApplication? _app;
    private readonly ServiceProvider? _provider;

    private ReliabilityServer(Wire wire, RtviServer server, WebApplication? app, Uri? uri, CapturedLog log, ServiceProvider? provider = null)
    {
        _provider = provider;
        Wire = wire;
        Server = server;
        _app = app;
        WebSocketUri = uri;
        Log = log;
    }

    public Wire Wire { get; }

    public RtviServer Server { get; }

    public Uri? WebSocketUri { get; }

    public CapturedLog Log { get; }

    /// <summary>Sessions as they start.</summary>
    public Channel<RtviSession> Started { get; } = Channel.CreateUnbounded<RtviSession>();

    /// <summary>Sessions as they end, with their end reason.</summary>
    public Channel<(RtviSession Session, RtviSessionEndReason? Reason)> Ended { get; } = Channel.CreateUnbounded<(RtviSession, RtviSessionEndReason?)>();

    public static async Task<ReliabilityServer> StartAsync(
        Wire wire, Action<RtviServerOptions>? configure = null, Action<RtviRegistryBuilder>? register = null, Action<RtviWebSocketOptions>? webSockets = null,
        Action<IServiceCollection>? services = null)
    {
        var log = new CapturedLog();
        ReliabilityServer? self = null;
        void Configure(RtviServerOptions options)
        {
            ConformanceFixtures.ConfigureOptions(options, RtviProtocolMode.Auto);
            configure?.Invoke(options);
            var started = options.Hooks.OnSessionStarted;
            options.Hooks.OnSessionStarted = (session, ct) =>
            {
                self!.Started.Writer.TryWrite(session);
                return started?.Invoke(session, ct) ?? default;
            };
            var ended = options.Hooks.OnSessionEnded;
            options.Hooks.OnSessionEnded = session =>
            {
                self!.Ended.Writer.TryWrite((session, session.EndReason));
                return ended?.Invoke(session) ?? default;
            };
        }
        void Register(RtviRegistryBuilder registry)
        {
            ConformanceFixtures.Register(registry, RtviProtocolMode.Auto);
            register?.Invoke(registry);
        }

        if (wire == Wire.Ndjson && services is not null)
        {
            // With app services: the server comes from DI (AddRtvi), so each session gets its own scope.
            var collection = new ServiceCollection();
            collection.AddLogging(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Debug));
            collection.AddRtvi(Configure).ConfigureRegistry(Register);
            services(collection);
            var provider = collection.BuildServiceProvider();
            return self = new ReliabilityServer(wire, provider.GetRequiredService<RtviServer>(), null, null, log, provider);
        }
        if (wire == Wire.Ndjson)
        {
            var options = new RtviServerOptions();
            Configure(options);
            var registry = new RtviRegistryBuilder();
            Register(registry);
            var server = new RtviServer(registry.Build(), options, LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Debug)));
            return self = new ReliabilityServer(wire, server, null, null, log);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddRtvi(Configure).ConfigureRegistry(Register).ConfigureWebSockets(o => webSockets?.Invoke(o));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapRtvi("/ws");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var uri = new Uri($"ws://{new Uri(address).Authority}/ws");
        return self = new ReliabilityServer(wire, app.Services.GetRequiredService<RtviServer>(), app, uri, log);
    }

    public async Task<WireClient> Connect(string? query = null)
    {
        if (Wire == Wire.Ndjson)
        {
            return new NdjsonWireClient(Server);
        }
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(query is null ? WebSocketUri! : new Uri(WebSocketUri + "?" + query), timeout.Token);
        return new WebSocketWireClient(socket, Wire == Wire.WebSocketText ? WebSocketMessageType.Text : WebSocketMessageType.Binary);
    }

    /// <summary>The next session to end, within <paramref name="timeout"/>.</summary>
    public async Task<(RtviSession Session, RtviSessionEndReason? Reason)> NextEnded(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        return await Ended.Reader.ReadAsync(cts.Token);
    }

    public async Task<RtviSession> NextStarted()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await Started.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Stops the host as SIGTERM does (WebSocket wires), or shuts the server down (NDJSON).</summary>
    public Task StopAsync() => _app is not null ? _app.StopAsync() : Server.ShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}

/// <summary>Every log line written, formatted, for assertions on what reaches the log.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public IEnumerable<string> Messages(LogLevel atLeast = LogLevel.Trace) => Entries.Where(e => e.Level >= atLeast).Select(e => e.Message);

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Entries.Enqueue((logLevel, category, formatter(state, exception), exception));
    }
}
