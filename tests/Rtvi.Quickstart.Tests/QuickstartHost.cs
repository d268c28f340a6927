using Microsoft.AspNetCore.Builder;

namespace Rtvi.Quickstart.Tests;

/// <summary>The real quickstart app on a free loopback port (the embedded model without delays unless configured).</summary>
internal sealed class QuickstartHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private QuickstartHost(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public Uri WebSocketUri => new(BaseUri.ToString().Replace("http", "ws", StringComparison.Ordinal).TrimEnd('/') + QuickstartApp.WebSocketPath);

    public static async Task<QuickstartHost> StartAsync(params string[] settings)
    {
        string[] args = ["--urls", "http://127.0.0.1:0", "--Rtvi:Embedded:TokenDelayMs=0", "--Logging:LogLevel:Default=Warning", .. settings];
        var app = QuickstartApp.Build(args);
        await app.StartAsync();
        return new QuickstartHost(app, new Uri(app.Urls.Single()));
    }

    public Task<RtviTestClient> ConnectAsync() => RtviTestClient.ConnectAsync(WebSocketUri);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
