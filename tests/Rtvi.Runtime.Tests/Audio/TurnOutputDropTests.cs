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

        // The client reads nothing: server messages pile up until a send blocks and the outbox holds the rest.
        var clog = JsonSerializer.SerializeToElement(new string('x', ClogBytes));
        var clogs = 0;
        while (!await StaysQueued(t.Session))
        {
            Assert.True(++clogs < 200, "the transport never blocked");
            await events.ServerMessageAsync(clog);
        }

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

        var received = new List<Received>();
        while (received.Count == 0 || received[^1].Type != "bot-llm-text")
        {
            var next = await t.Client.Next();
            if (next.Type != "server-message" || next.Message!["data"]!.GetValueKind() != JsonValueKind.String || ((string)next.Message["data"]!).Length != ClogBytes)
            {
                received.Add(next);
            }
        }
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
