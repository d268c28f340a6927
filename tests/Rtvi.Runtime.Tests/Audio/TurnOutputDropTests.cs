using System.Text.Json;
using Rtvi.Tests.Reliability;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Audio;

/// <summary>
/// An interruption removes the queued output of the interrupted turn from the outbox, and only that: forced with a client
/// that stops reading (so the outbox fills behind a blocked send), an interruption, and then the client reading again.
/// </summary>
public sealed class TurnOutputDropTests
{
    private const int ClogBytes = 512 * 1024;

    [Fact]
    public async Task Queued_turn_output_is_dropped_on_interruption_while_answers_and_other_events_keep_their_order()
    {
        await using var t = await BotAudioTests.Start("2.1.0", o =>
        {
            o.Limits.MaxOutboxBytes = 256L * 1024 * 1024;
            o.Limits.OutboxCapacity = 100_000;
            o.Limits.OutboxSendTimeout = TimeSpan.FromSeconds(60);
            o.BotAudio.StoppedSpeakingDelay = TimeSpan.FromSeconds(10);
        });
        var events = t.Session.Events;

        await Clog(t.Session);

        await events.BotLlmStartedAsync();
        await events.BotLlmTextAsync("dropped-1");
        await events.ServerMessageAsync(JsonSerializer.SerializeToElement("kept-1"));
        var queued = t.Session.OutboxBytes;
        await t.Client.Send(Msg("alive-probe", "probe-1", "{}"));
        await Wires.Until(() => t.Session.OutboxBytes > queued, "the probe's answer is queued");
        await events.BotOutputAsync("dropped-2");
        Assert.True(await t.Session.BotAudio.WriteAsync(BotAudioTests.Pcm(100), 24_000, 1));
        await events.BotTtsTextAsync("dropped-3");
        await events.BotTranscriptionAsync("dropped-4");
        await events.BotLlmStoppedAsync();
        await t.Session.InterruptAsync();
        await events.BotLlmTextAsync("kept-2");

        var received = await ReadPastClogUntil(t.Client, "bot-llm-text");
        Assert.Equal(
            [
                "bot-llm-started",
                "server-message kept-1",
                "error-response probe-1",
                "bot-started-speaking",
                "bot-llm-stopped",
                "bot-stopped-speaking",
                "bot-interrupted",
                "bot-llm-text kept-2",
            ],
            received.Select(Describe));
        Assert.Equal(0, t.Session.OutboxBytes);
        await t.Client.Send(Msg("alive-probe", "probe-2", "{}"));
        Assert.Equal("error-response probe-2", Describe(await t.Client.Next()));
    }

    [Fact]
    public async Task Turn_output_of_a_turn_the_interruption_cancelled_is_not_sent_after_it()
    {
        await using var t = await BotAudioTests.Start("2.1.0");
        var turn = t.Session.InterruptionToken;
        await t.Session.InterruptAsync();

        await t.Session.Events.BotLlmTextAsync("late", turn);
        await t.Session.Events.BotOutputAsync("late", cancellationToken: turn);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Session.BotAudio.WriteAsync(BotAudioTests.Pcm(20), 24_000, 1, turn).AsTask());
        await t.Session.Events.BotLlmStoppedAsync(turn);

        Assert.Equal(["bot-interrupted", "bot-llm-stopped"], (await t.Client.ReadUntil("bot-llm-stopped")).Select(r => r.Type));
    }

    [Fact]
    public async Task An_interruption_releases_a_bot_audio_write_waiting_for_outbox_room()
    {
        await using var t = await BotAudioTests.Start("2.1.0", o =>
        {
            o.Limits.OutboxCapacity = 16;
            o.Limits.MaxOutboxBytes = 256L * 1024 * 1024;
            o.Limits.OutboxSendTimeout = TimeSpan.FromSeconds(60);
            o.BotAudio.Lead = TimeSpan.FromSeconds(10);
        });
        await Clog(t.Session);

        // No pacing wait within a 10 s lead: the write fills the outbox's 16 places and waits for room.
        var write = t.Session.BotAudio.WriteAsync(BotAudioTests.Pcm(1000), 24_000, 1).AsTask();
        await Task.Delay(200);
        Assert.False(write.IsCompleted, "the write waits for outbox room");
        await t.Session.InterruptAsync();

        Assert.False(await write.WaitAsync(TimeSpan.FromSeconds(5)), "the waiting write is released and returns false");
        var received = await ReadPastClogUntil(t.Client, "bot-interrupted");
        Assert.Equal(["bot-started-speaking", "bot-stopped-speaking", "bot-interrupted"], received.Select(r => r.Type));
    }

    /// <summary>The client reads nothing: server messages pile up until a send blocks and the outbox holds the rest.</summary>
    private static async Task Clog(RtviSession session)
    {
        var clog = JsonSerializer.SerializeToElement(new string('x', ClogBytes));
        var clogs = 0;
        while (!await StaysQueued(session))
        {
            Assert.True(++clogs < 200, "the transport never blocked");
            await session.Events.ServerMessageAsync(clog);
        }
    }

    /// <summary>What arrives after the clog, up to and including the first message of <paramref name="type"/>.</summary>
    private static async Task<List<Received>> ReadPastClogUntil(AudioClient client, string type)
    {
        var received = new List<Received>();
        while (received.Count == 0 || received[^1].Type != type)
        {
            var next = await client.Next();
            if (next.Type != "server-message" || next.Message!["data"]!.GetValueKind() != JsonValueKind.String || ((string)next.Message["data"]!).Length != ClogBytes)
            {
                received.Add(next);
            }
        }
        return received;
    }

    /// <summary>Whether output stays queued for a while: the writer is blocked in a send the client does not take.</summary>
    private static async Task<bool> StaysQueued(RtviSession session)
    {
        if (session.OutboxBytes < ClogBytes)
        {
            return false;
        }
        await Task.Delay(200);
        return session.OutboxBytes >= ClogBytes;
    }

    private static string Describe(Received r) => r.Type switch
    {
        "server-message" => "server-message " + (string)r.Message!["data"]!,
        "error-response" => "error-response " + (string)r.Message!["id"]!,
        "bot-llm-text" => "bot-llm-text " + BotAudioTests.Text(r.Message!),
        _ => r.Type,
    };
}
