using Rtvi.Tests.Reliability;

namespace Rtvi.Tests.Hosting;

/// <summary><see cref="RtviSession.Request"/>: the WebSocket upgrade request on Kestrel, nothing on NDJSON.</summary>
public sealed class SessionRequestTests
{
    public static TheoryData<Wire> WebSockets => Wires.WebSockets;

    [Theory]
    [MemberData(nameof(WebSockets))]
    public async Task The_upgrade_query_string_reaches_the_session(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire);
        await using var client = await server.Connect("token=abc%20123&room=7");
        var session = await server.NextStarted();

        Assert.Equal("abc 123", (string?)session.Request!.Query["token"]);
        Assert.Equal("7", (string?)session.Request.Query["room"]);
    }

    [Theory]
    [MemberData(nameof(WebSockets))]
    public async Task The_upgrade_path_headers_and_user_reach_the_session(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire);
        await using var client = await server.Connect();
        var session = await server.NextStarted();

        Assert.Equal("/ws", session.Request!.Path);
        Assert.Equal(server.WebSocketUri!.Authority, (string?)session.Request.Headers["host"]);
        Assert.False(session.Request.User.Identity?.IsAuthenticated);
    }

    [Theory]
    [MemberData(nameof(WebSockets))]
    public async Task A_hook_reads_the_token_of_the_upgrade_request(Wire wire)
    {
        var token = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ReliabilityServer.StartAsync(wire, o => o.Hooks.OnClientReady = (session, _, _) =>
        {
            token.TrySetResult(session.Request?.Query.GetValueOrDefault("token").ToString());
            return default;
        });
        await using var client = await server.Connect("token=t-1");
        await client.Handshake();

        Assert.Equal("t-1", await token.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task An_ndjson_session_has_no_request()
    {
        await using var server = await ReliabilityServer.StartAsync(Wire.Ndjson);
        await using var client = await server.Connect();
        var session = await server.NextStarted();

        Assert.Null(session.Request);
    }
}
