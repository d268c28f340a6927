using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Reliability;

/// <summary>Limits in bytes as well as counts: before the handshake, while held, on the lanes, and sessions per server.</summary>
public sealed class BudgetTests
{
    public static TheoryData<Wire> All => Wires.All;

    private static string BigAction(string id, int bytes) =>
        Msg("action", id, "{'service':'test','action':'echo','arguments':[{'name':'x','value':'" + new string('x', bytes) + "'}]}");

    [Theory]
    [MemberData(nameof(All))]
    public async Task Too_much_data_before_client_ready_gets_a_fatal_error_and_ends_the_session(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire, o => o.Limits.MaxBytesBeforeClientReady = 1024 * 1024);
        await using var client = await server.Connect();
        for (var i = 0; i < 4; i++)
        {
            await client.Send(BigAction("a" + i, 400_000));
        }
        var messages = await client.ReadToEnd();
        Assert.Equal(
            ["a0:Too much data before client-ready", "a1:Too much data before client-ready", "error:Too much data before client-ready"],
            messages.Select(m => ((string?)m["id"] ?? "error") + ":" + (string?)m["data"]!["error"]));
        Assert.Equal(true, (bool?)messages[^1]["data"]!["fatal"]);
        Assert.Equal(RtviSessionEndReason.OverBudget, (await server.NextEnded()).Reason);
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Held_requests_beyond_the_byte_budget_are_refused_and_the_rest_answered_after_bot_ready(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire, o =>
        {
            o.AutoBotReady = false;
            o.Limits.MaxPendingBytes = 300_000;
        });
        await using var client = await server.Connect();
        await client.Send(Msg("client-ready", "c1", "{}"));
        var session = await server.NextStarted();
        await client.Send(BigAction("a1", 200_000));
        await client.Send(BigAction("a2", 200_000));
        await client.Expect("{'label':'rtvi-ai','type':'error-response','id':'a2','data':{'error':'Too many pending requests'}}");
        await session.SetBotReadyAsync();
        await client.ExpectType("bot-ready", "c1");
        await client.ExpectType("action-response", "a1");
        await client.ExpectAlive("p1");
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Queued_actions_beyond_the_byte_budget_are_refused(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire, o => o.Limits.MaxPendingBytes = 300_000);
        await using var client = await server.Connect();
        await client.Handshake();
        await client.Send(Msg("action", "slow", "{'service':'test','action':'slow','arguments':[{'name':'ms','value':300}]}"));
        await client.Send(BigAction("a1", 200_000));
        await client.Send(BigAction("a2", 200_000));
        await client.Expect("{'label':'rtvi-ai','type':'error-response','id':'a2','data':{'error':'Too many pending requests'}}");
        await client.ExpectType("action-response", "slow");
        await client.ExpectType("action-response", "a1");
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task A_full_event_lane_refuses_with_an_error_response_and_a_log_entry(Wire wire)
    {
        var running = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await using var server = await ReliabilityServer.StartAsync(wire, o =>
        {
            o.Limits.MaxPendingEvents = 1;
            o.Hooks.OnSendText = async (_, _, _) =>
            {
                running.TrySetResult();
                await release.Task;
            };
        });
        await using var client = await server.Connect();
        await client.Send(Msg("client-ready", "c1", "{'version':'2.1.0'}"));
        await client.ExpectType("bot-ready", "c1");
        await client.Send(Msg("send-text", "t1", "{'content':'one','options':{'run_immediately':false}}"));
        await running.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await client.Send(Msg("send-text", "t2", "{'content':'two','options':{'run_immediately':false}}"));
        await client.Send(Msg("send-text", "t3", "{'content':'three','options':{'run_immediately':false}}"));
        await client.Expect("{'label':'rtvi-ai','type':'error-response','id':'t3','data':{'error':'Too many pending requests'}}");
        release.SetResult();
        Assert.Contains(server.Log.Messages(LogLevel.Warning), m => m.Contains("the event lane is full; refused a send-text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_WebSocket_beyond_the_session_limit_gets_503_before_the_upgrade()
    {
        await using var server = await ReliabilityServer.StartAsync(Wire.WebSocketText, o => o.Limits.MaxSessions = 2);
        await using var first = await server.Connect();
        await using var second = await server.Connect();
        await Wires.Until(() => server.Server.ActiveSessions == 2, "both sessions run");
        var refused = new ClientWebSocket();
        refused.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(server.WebSocketUri!, CancellationToken.None));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.HttpStatusCode);
        await first.Handshake();
    }

    [Fact]
    public async Task A_session_beyond_the_limit_gets_a_fatal_server_busy_error()
    {
        await using var server = await ReliabilityServer.StartAsync(Wire.Ndjson, o => o.Limits.MaxSessions = 1);
        await using var first = await server.Connect();
        await Wires.Until(() => server.Server.ActiveSessions == 1, "the first session runs");
        await using var second = await server.Connect();
        Assert.Equal(["Server busy"], (await second.ReadToEnd()).Select(m => (string?)m["data"]!["error"]));
        await first.Handshake();
    }
}
