using Rtvi.Conformance;
using Rtvi.Transports;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Reliability;

/// <summary>
/// An end is never lost: a close, a disconnect or a deadline that arrives while the inbox is full still ends the session,
/// and silent connections are closed at the handshake deadline.
/// </summary>
public sealed class EndingTests
{
    public static TheoryData<Wire> All => Wires.All;

    [Theory]
    [MemberData(nameof(All))]
    public async Task A_close_behind_a_flood_the_client_paused_on_is_answered_once_it_reads_again(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire, o =>
        {
            o.Limits.InboxCapacity = 8;
            o.Limits.MaxOutboxBytes = 256 * 1024;
        });
        await using var client = await server.Connect();
        await client.Handshake();
        var session = await server.NextStarted();
        const int count = 2000;
        var sending = Task.Run(async () =>
        {
            await client.Send(Wires.BigUpdateConfig("u1", 50_000));
            for (var i = 0; i < count; i++)
            {
                await client.Send(Msg("get-config", "g" + i, "{}"));
            }
            await client.CloseOutput();
        });
        // The client reads nothing until the server is blocked on it: its outbox holds most of its byte budget.
        await Wires.Until(() => session.OutboxBytes > 150 * 1024, "the server's outbox is full");

        var answers = await client.ReadToEnd();
        await sending;
        Assert.Equal(count + 1, answers.Count);
        Assert.Equal("u1", (string?)answers[0]["id"]);
        Assert.Equal(Enumerable.Range(0, count).Select(i => "g" + i), answers.Skip(1).Select(a => (string?)a["id"]));
        Assert.Equal(RtviSessionEndReason.ClientClosed, (await server.NextEnded()).Reason);
        Assert.False(client.SawAbort);
        await Wires.Until(() => server.Server.ActiveSessions == 0, "no session is left");
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task A_client_that_closes_behind_a_flood_and_never_reads_is_released_within_the_send_timeout(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire, o =>
        {
            o.Limits.InboxCapacity = 8;
            o.Limits.MaxOutboxBytes = 256 * 1024;
            o.Limits.OutboxSendTimeout = TimeSpan.FromMilliseconds(500);
        });
        await using var client = await server.Connect();
        await client.Handshake();
        _ = Task.Run(async () =>
        {
            try
            {
                await client.Send(Wires.BigUpdateConfig("u1", 50_000));
                for (var i = 0; i < 2000; i++)
                {
                    await client.Send(Msg("get-config", "g" + i, "{}"));
                }
                await client.CloseOutput();
            }
            catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or OperationCanceledException or InvalidOperationException)
            {
                // The server aborted the connection under the client's feet, as it should.
            }
        });
        var (_, reason) = await server.NextEnded(TimeSpan.FromSeconds(10));
        Assert.Equal(RtviSessionEndReason.Stalled, reason);
        await Wires.Until(() => server.Server.ActiveSessions == 0, "no session is left");
    }

    [Fact]
    public async Task Disconnect_while_the_inbox_is_full_ends_the_session()
    {
        var release = new TaskCompletionSource();
        var options = ConformanceFixtures.CreateOptions(RtviProtocolMode.V0_3);
        options.Limits.InboxCapacity = 2;
        options.Hooks.OnClientReady = async (_, _, _) => await release.Task;
        var connection = new CountingConnection(new RtviInMemoryConnection());
        var server = new RtviServer(ConformanceFixtures.CreateRegistry(RtviProtocolMode.V0_3), options);
        RtviSession? session = null;
        options.Hooks.OnSessionStarted = (s, _) =>
        {
            session = s;
            return default;
        };
        var run = server.RunSessionAsync(connection);
        await connection.Client.ClientSendAsync(Msg("client-ready", "c1", "{}"));
        for (var i = 0; i < 10; i++)
        {
            await connection.Client.ClientSendAsync(Msg("get-config", "g" + i, "{}"));
        }
        // client-ready (with the blocked dispatcher) and one request fill the inbox; the receiver waits holding a third.
        await Wires.Until(() => connection.Receives >= 3, "the inbox is full");

        await Task.Run(() => session!.Disconnect());
        release.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RtviSessionEndReason.ServerDisconnected, session!.EndReason);
        Assert.Equal(0, server.ActiveSessions);
    }

    [Fact]
    public async Task The_handshake_deadline_while_the_inbox_is_full_ends_the_session()
    {
        var release = new TaskCompletionSource();
        var options = ConformanceFixtures.CreateOptions(RtviProtocolMode.V0_3);
        options.AutoBotReady = false;
        options.Limits.InboxCapacity = 2;
        options.Limits.HandshakeTimeout = TimeSpan.FromMilliseconds(200);
        options.Hooks.OnClientReady = async (_, _, _) => await release.Task;
        var connection = new CountingConnection(new RtviInMemoryConnection());
        var run = new RtviServer(ConformanceFixtures.CreateRegistry(RtviProtocolMode.V0_3), options).RunSessionAsync(connection);
        await connection.Client.ClientSendAsync(Msg("client-ready", "c1", "{}"));
        for (var i = 0; i < 10; i++)
        {
            await connection.Client.ClientSendAsync(Msg("get-config", "g" + i, "{}"));
        }
        await Wires.Until(() => connection.Receives >= 3, "the inbox is full");
        await Task.Delay(400); // the deadline passes while the dispatcher is blocked and the inbox full

        release.SetResult();
        var messages = new List<string>();
        while (await connection.Client.ClientReceiveAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token) is { } message)
        {
            messages.Add(message);
        }
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(messages, m => m.Contains("\"id\":\"c1\"", StringComparison.Ordinal) && m.Contains("Bot not ready", StringComparison.Ordinal));
        Assert.Contains("\"fatal\":true", messages[^1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task A_silent_connection_is_told_and_closed_at_the_handshake_deadline(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire, o => o.Limits.HandshakeTimeout = TimeSpan.FromMilliseconds(300));
        await using var client = await server.Connect();
        await client.Expect("{'label':'rtvi-ai','type':'error','data':{'error':'Handshake timed out: no client-ready','fatal':true}}");
        Assert.Null(await client.Receive());
        Assert.Equal(RtviSessionEndReason.HandshakeTimedOut, (await server.NextEnded()).Reason);
    }

    [Fact]
    public async Task Many_silent_connections_are_all_closed_at_the_handshake_deadline()
    {
        await using var server = await ReliabilityServer.StartAsync(Wire.WebSocketText, o => o.Limits.HandshakeTimeout = TimeSpan.FromMilliseconds(500));
        var clients = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => server.Connect()));
        try
        {
            var ends = await Task.WhenAll(clients.Select(c => c.ReadToEnd()));
            Assert.All(ends, messages => Assert.Equal("error", (string?)Assert.Single(messages)["type"]));
            await Wires.Until(() => server.Server.ActiveSessions == 0, "no session is left");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Disconnect_bot_ends_the_session_and_closes_the_connection(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire);
        await using var client = await server.Connect();
        await client.Handshake();
        await client.Send(Msg("disconnect-bot", "d1", "{}"));
        Assert.Empty(await client.ReadToEnd());
        Assert.Equal(RtviSessionEndReason.ClientDisconnected, (await server.NextEnded()).Reason);
    }
}
