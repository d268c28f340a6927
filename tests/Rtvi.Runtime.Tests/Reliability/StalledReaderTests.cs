using Rtvi.Conformance;
using Rtvi.Transports;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Reliability;

/// <summary>A client that stops reading loses its connection within the send timeout, and its queued output with it.</summary>
public sealed class StalledReaderTests
{
    private const int MaxOutboxBytes = 512 * 1024;
    private const int LargeValue = 400_000;

    public static TheoryData<Wire> All => Wires.All;

    [Theory]
    [MemberData(nameof(All))]
    public async Task A_client_that_stops_reading_is_aborted_and_its_output_stays_within_the_budget(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire, o =>
        {
            o.Limits.MaxOutboxBytes = MaxOutboxBytes;
            o.Limits.OutboxSendTimeout = TimeSpan.FromMilliseconds(500);
        });
        await using var client = await server.Connect();
        await client.Handshake();
        var session = await server.NextStarted();
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, session.OutboxBytes);
                await Task.Delay(1);
            }
        });
        _ = Task.Run(async () =>
        {
            try
            {
                await client.Send(Wires.BigUpdateConfig("u1", LargeValue));
                for (var i = 0; i < 1100; i++)
                {
                    await client.Send(Msg("get-config", "g" + i, "{}"));
                }
            }
            catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or OperationCanceledException or InvalidOperationException)
            {
                // The server aborted the connection.
            }
        });

        var (_, reason) = await server.NextEnded(TimeSpan.FromSeconds(10));
        await sampling.CancelAsync();
        await sampler;
        Assert.Equal(RtviSessionEndReason.Stalled, reason);
        Assert.InRange(peak, 0, MaxOutboxBytes + LargeValue + 1024);
        Assert.Equal(0, session.OutboxBytes);
        if (wire != Wire.Ndjson)
        {
            await client.ReadToEnd();
            Assert.True(client.SawAbort, "the server aborts the socket instead of waiting for a close handshake");
        }
    }

    [Fact]
    public async Task A_send_the_client_never_takes_is_cut_after_the_send_timeout_even_with_room_in_the_outbox()
    {
        var options = ConformanceFixtures.CreateOptions(RtviProtocolMode.V0_3);
        options.Limits.OutboxSendTimeout = TimeSpan.FromMilliseconds(300);
        RtviSession? session = null;
        options.Hooks.OnSessionStarted = (s, _) =>
        {
            session = s;
            return default;
        };
        var connection = new RtviInMemoryConnection(clientBufferCapacity: 1);
        var run = new RtviServer(ConformanceFixtures.CreateRegistry(RtviProtocolMode.V0_3), options).RunSessionAsync(connection);
        await connection.ClientSendAsync(Msg("client-ready", "c1", "{}"));
        await connection.ClientSendAsync(Msg("get-config", "g1", "{}"));
        await connection.ClientSendAsync(Msg("get-config", "g2", "{}"));

        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RtviSessionEndReason.Stalled, session!.EndReason);
        Assert.True(connection.IsAbortedByServer);
    }
}
