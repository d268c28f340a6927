using System.Text.Json;
using System.Text.Json.Nodes;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Reliability;

/// <summary>
/// Client messages registered as concurrent run beside the action lane and each other, within the session's pending
/// budgets, answered exactly once and cancelled at the session's end; sequential ones still wait their turn.
/// </summary>
public sealed class ConcurrentClientMessageTests
{
    public static TheoryData<Wire> WebSockets => Wires.WebSockets;

    /// <summary>A handler of <c>gate</c> messages: <c>d:"block"</c> waits for the gate, anything else answers at once.</summary>
    private sealed class Gate
    {
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Blocked;

        public void Register(RtviRegistryBuilder registry, bool concurrent) => registry.AddClientMessage("gate", async (context, d, ct) =>
        {
            if (d.ValueKind == JsonValueKind.String && d.GetString() == "block")
            {
                Interlocked.Increment(ref Blocked);
                Entered.TrySetResult();
                try
                {
                    await Open.Task.WaitAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    Cancelled.TrySetResult();
                    throw;
                }
                return RtviResult.FromString("released");
            }
            return RtviResult.FromString(Open.Task.IsCompleted ? "after the gate" : "before the gate");
        }, concurrent);
    }

    private static string GateMessage(string id, string d) => Msg("client-message", id, "{'t':'gate','d':'" + d + "'}");

    private static string Answer(JsonObject message) =>
        (string?)message["type"] + " " + (string?)message["id"] + " " + ((string?)message["data"]!["d"] ?? (string?)message["data"]!["error"]);

    /// <summary>A session whose <c>gate</c> handler is blocked on m1, with m2 of the same type sent behind it.</summary>
    private static async Task<(ReliabilityServer Server, WireClient Client, Gate Gate)> BlockedBehindAGate(Wire wire, bool concurrent)
    {
        var gate = new Gate();
        var server = await ReliabilityServer.StartAsync(wire, register: r => gate.Register(r, concurrent));
        var client = await server.Connect();
        await client.Handshake();
        await client.Send(GateMessage("m1", "block"));
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await client.Send(GateMessage("m2", "fast"));
        return (server, client, gate);
    }

    [Theory]
    [MemberData(nameof(WebSockets))]
    public async Task A_concurrent_handler_blocked_on_a_gate_does_not_hold_up_a_second_message_of_its_type(Wire wire)
    {
        var (server, client, gate) = await BlockedBehindAGate(wire, concurrent: true);
        await using var _ = server;
        await using var __ = client;

        var first = await client.Receive();
        gate.Open.SetResult();
        var second = await client.Receive();

        Assert.Equal("server-response m2 before the gate", Answer(first!));
        Assert.Equal("server-response m1 released", Answer(second!));
        await client.ExpectAlive("p1");
    }

    [Theory]
    [MemberData(nameof(WebSockets))]
    public async Task A_sequential_handler_blocked_on_a_gate_holds_up_the_next_message_of_its_type(Wire wire)
    {
        var (server, client, gate) = await BlockedBehindAGate(wire, concurrent: false);
        await using var _ = server;
        await using var __ = client;

        // Control requests are answered in arrival order by the dispatcher: once this is answered, m2 is on the lane.
        await client.Send(Msg("get-config", "g1", "{}"));
        await client.ExpectType("config", "g1");
        gate.Open.SetResult();

        Assert.Equal(["server-response m1 released", "server-response m2 after the gate"], [Answer((await client.Receive())!), Answer((await client.Receive())!)]);
    }

    [Theory]
    [MemberData(nameof(WebSockets))]
    public async Task Concurrent_handlers_share_the_pending_count_and_each_request_gets_one_answer(Wire wire)
    {
        var gate = new Gate();
        await using var server = await ReliabilityServer.StartAsync(wire, o => o.Limits.MaxPendingActions = 1, r => gate.Register(r, concurrent: true));
        await using var client = await server.Connect();
        await client.Handshake();

        // Room for two (one running plus one behind it on the action lane's count): the third is refused at once.
        await client.Send(GateMessage("m1", "block"));
        await client.Send(GateMessage("m2", "block"));
        await client.Send(GateMessage("m3", "block"));
        var refused = await client.Receive();
        await Wires.Until(() => Volatile.Read(ref gate.Blocked) == 2, "both admitted handlers running");
        gate.Open.SetResult();
        var answers = new[] { Answer((await client.Receive())!), Answer((await client.Receive())!) };

        Assert.Equal("error-response m3 Too many pending requests", Answer(refused!));
        Assert.Equal(["server-response m1 released", "server-response m2 released"], answers.Order());
        await client.Send(GateMessage("m4", "fast"));
        Assert.Equal("server-response m4 after the gate", Answer((await client.Receive())!));
    }

    [Theory]
    [MemberData(nameof(WebSockets))]
    public async Task Concurrent_handlers_hold_the_pending_byte_budget_while_they_run(Wire wire)
    {
        var gate = new Gate();
        await using var server = await ReliabilityServer.StartAsync(wire, o => o.Limits.MaxPendingBytes = 3000, r => gate.Register(r, concurrent: true));
        await using var client = await server.Connect();
        await client.Handshake();
        string Padded(string id) => Msg("client-message", id, "{'t':'gate','d':'block','pad':'" + new string('x', 2000) + "'}");

        await client.Send(Padded("m1"));
        await client.Send(Padded("m2"));
        var refused = await client.Receive();
        gate.Open.SetResult();

        Assert.Equal("error-response m2 Too many pending requests", Answer(refused!));
        Assert.Equal("server-response m1 released", Answer((await client.Receive())!));
    }

    [Theory]
    [MemberData(nameof(WebSockets))]
    public async Task A_running_concurrent_handler_is_cancelled_when_the_session_ends(Wire wire)
    {
        var gate = new Gate();
        await using var server = await ReliabilityServer.StartAsync(wire, register: r => gate.Register(r, concurrent: true));
        await using var client = await server.Connect();
        await client.Handshake();

        await client.Send(GateMessage("m1", "block"));
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await client.Send(Msg("disconnect-bot", "d1", "{}"));

        Assert.Empty(await client.ReadToEnd());
        await gate.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RtviSessionEndReason.ClientDisconnected, (await server.NextEnded()).Reason);
    }
}
