using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Reliability;

/// <summary>Graceful shutdown and the WebSocket endpoint's refusals.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_host_tells_every_client_settles_calls_and_ends_within_the_grace_period()
    {
        var callOutcome = new TaskCompletionSource<Exception?>();
        await using var server = await ReliabilityServer.StartAsync(
            Wire.WebSocketText,
            o =>
            {
                o.Limits.ShutdownGracePeriod = TimeSpan.FromSeconds(1);
                o.Limits.OutboxSendTimeout = TimeSpan.FromSeconds(30);
            },
            r => r.AddClientMessage("wait-for-tool", async (c, _, ct) =>
            {
                try
                {
                    await c.Session.CallClientFunctionAsync("slow_tool", "t1", default, TimeSpan.FromMinutes(5), ct);
                    callOutcome.SetResult(null);
                }
                catch (Exception exception)
                {
                    callOutcome.SetResult(exception);
                }
                return RtviResult.None;
            }));
        await using var idle = await server.Connect();
        await idle.Handshake();
        await using var calling = await server.Connect();
        await calling.Send(Msg("client-ready", "c1", "{'version':'2.1.0'}"));
        await calling.ExpectType("bot-ready", "c1");
        await calling.Send(Msg("client-message", "m1", "{'t':'wait-for-tool'}"));
        await calling.ExpectType("llm-function-call-started");
        await calling.ExpectType("llm-function-call-in-progress");
        await using var stalled = await server.Connect();
        await stalled.Handshake();
        var stalledSession = await Wires.NthStarted(server, 3);
        _ = Task.Run(async () =>
        {
            try
            {
                await stalled.Send(Wires.BigUpdateConfig("u1", 300_000));
                for (var i = 0; i < 200; i++)
                {
                    await stalled.Send(Msg("get-config", "g" + i, "{}"));
                }
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
            }
        });
        await Wires.Until(() => stalledSession.OutboxBytes > 0, "the stalled client's outbox fills");

        var clock = Stopwatch.StartNew();
        await server.StopAsync();
        clock.Stop();

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(8));
        Assert.Equal("Server shutting down", (string?)Assert.Single(await idle.ReadToEnd())["data"]!["error"]);
        var last = (await calling.ReadToEnd())[^1];
        Assert.Equal(("error", "Server shutting down", true), ((string?)last["type"], (string?)last["data"]!["error"], (bool?)last["data"]!["fatal"]));
        Assert.IsAssignableFrom<OperationCanceledException>(await callOutcome.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, server.Server.ActiveSessions);
    }

    [Fact]
    public async Task A_connection_during_shutdown_gets_503()
    {
        await using var server = await ReliabilityServer.StartAsync(Wire.WebSocketText);
        server.Server.BeginShutdown();
        using var refused = new ClientWebSocket();
        refused.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(server.WebSocketUri!, CancellationToken.None));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.HttpStatusCode);
    }

    [Fact]
    public async Task A_session_started_during_shutdown_is_told_and_closed()
    {
        await using var server = await ReliabilityServer.StartAsync(Wire.Ndjson);
        server.Server.BeginShutdown();
        await using var client = await server.Connect();
        Assert.Equal(["Server shutting down"], (await client.ReadToEnd()).Select(m => (string?)m["data"]!["error"]));
    }

    [Fact]
    public async Task Shutdown_answers_requests_held_for_bot_ready()
    {
        await using var server = await ReliabilityServer.StartAsync(Wire.Ndjson, o => o.AutoBotReady = false);
        await using var client = await server.Connect();
        await client.Send(Msg("client-ready", "c1", "{}"));
        await client.Send(Msg("action", "a1", "{'service':'test','action':'echo'}"));
        await client.Send(Msg("describe-config", "d1", "{}"));
        await client.ExpectType("config-available", "d1");
        await server.StopAsync();
        Assert.Equal(
            ["a1:Server shutting down", "c1:Server shutting down", "error:Server shutting down"],
            (await client.ReadToEnd()).Select(m => ((string?)m["id"] ?? "error") + ":" + (string?)m["data"]!["error"]));
    }

    [Fact]
    public async Task An_authorize_hook_that_throws_is_logged_and_answered_500()
    {
        await using var server = await ReliabilityServer.StartAsync(
            Wire.WebSocketText,
            webSockets: o => o.Authorize = static context => context.Request.Query.ContainsKey("boom")
                ? throw new InvalidOperationException("token store down")
                : ValueTask.FromResult(true));
        using var refused = new ClientWebSocket();
        refused.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(new Uri(server.WebSocketUri + "?boom=1"), CancellationToken.None));
        Assert.Equal(HttpStatusCode.InternalServerError, refused.HttpStatusCode);
        Assert.Contains(server.Log.Entries, e => e.Level == LogLevel.Error && e.Exception?.Message == "token store down");
        await using var client = await server.Connect();
        await client.Handshake();
    }
}
