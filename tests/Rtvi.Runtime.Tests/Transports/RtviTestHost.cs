using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rtvi.AspNetCore;

namespace Rtvi.Tests.Transports;

/// <summary>
/// A real Kestrel server on a free loopback port serving <c>MapRtvi("/ws")</c> with a small registry: action
/// <c>test:echo</c> (returns its arguments), client-message <c>test.echo</c> (returns <c>d</c>), and an audio hook that
/// sends every microphone frame back as bot audio.
/// </summary>
internal sealed class RtviTestHost : IAsyncDisposable
{
    public const int MaxMessageBytes = 1024;
    public const string AllowedOrigin = "https://allowed.example";
    public const string RejectedToken = "bad";

    private readonly WebApplication _app;

    private RtviTestHost(WebApplication app, Uri http)
    {
        _app = app;
        HttpUri = http;
        WebSocketUri = new Uri($"ws://{http.Authority}/ws");
    }

    public Uri HttpUri { get; }

    public Uri WebSocketUri { get; }

    public RtviServer Server => _app.Services.GetRequiredService<RtviServer>();

    /// <summary>Ids of the sessions that ended, in order.</summary>
    public System.Threading.Channels.Channel<string> EndedSessions { get; } = System.Threading.Channels.Channel.CreateUnbounded<string>();

    public static async Task<RtviTestHost> StartAsync(Action<RtviServerOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        System.Threading.Channels.Channel<string>? ended = null;
        builder.Services.AddRtvi(options =>
            {
                options.Limits.MaxMessageBytes = MaxMessageBytes;
                options.Hooks.OnAudio = static (session, frame, ct) => session.SendAudioAsync(frame.Pcm, frame.SampleRate, frame.NumChannels, ct);
                options.Hooks.OnSessionEnded = session =>
                {
                    ended!.Writer.TryWrite(session.Id);
                    return default;
                };
                configure?.Invoke(options);
            })
            .ConfigureRegistry(static registry => registry
                .AddAction("test", "echo", [], RtviWireType.Object, static (_, arguments, _) => ValueTask.FromResult(RtviResult.FromArguments(arguments)))
                .AddClientMessage("test.echo", static (_, d, _) => ValueTask.FromResult(RtviResult.FromElement(d))))
            .ConfigureWebSockets(static options =>
            {
                options.AllowedOrigins.Add(AllowedOrigin);
                options.Authorize = static context => ValueTask.FromResult(context.Request.Query["token"] != RejectedToken);
            });
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapRtvi("/ws");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var host = new RtviTestHost(app, new Uri(address));
        ended = host.EndedSessions;
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
