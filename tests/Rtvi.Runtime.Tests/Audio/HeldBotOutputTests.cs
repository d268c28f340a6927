using System.Text.Json;
using System.Text.Json.Nodes;
using Rtvi.Audio;

namespace Rtvi.Tests.Audio;

/// <summary>
/// <see cref="RtviBotAudio.SendBotOutputAsync"/>: a spoken segment's <c>bot-output</c> waits for the bot to start
/// speaking (then follows <c>bot-started-speaking</c>, before the first audio, in order), goes at once while it speaks,
/// is discarded by an interruption, is sent when no audio comes in time, and is not held where nothing would release it.
/// Over a real WebSocket with the protobuf framing.
/// </summary>
public sealed class HeldBotOutputTests
{
    private const int Rate = 24_000;

    private static ValueTask Marker(RtviSession session, string name) =>
        session.Events.ServerMessageAsync(JsonSerializer.SerializeToElement(name));

    private static string Describe(Received r) =>
        r.Type switch
        {
            "bot-output" => $"bot-output {r.Message!["data"]!["segment_id"]} {r.Message["data"]!["text"]}",
            "server-message" => $"server-message {r.Message!["data"]}",
            _ => r.Type,
        };

    /// <summary>The messages and runs of audio, with bot-output segment ids and markers spelled out.</summary>
    private static List<string> Collapse(IEnumerable<Received> received)
    {
        var lines = new List<string>();
        foreach (var r in received)
        {
            var line = Describe(r);
            if (line != "audio" || lines.Count == 0 || lines[^1] != "audio")
            {
                lines.Add(line);
            }
        }
        return lines;
    }

    [Fact]
    public async Task Held_outputs_follow_bot_started_speaking_in_order_before_the_audio_and_later_ones_go_at_once()
    {
        // A long gap: the bot still speaks when the third output comes, however slow the machine.
        await using var t = await BotAudioTests.Start("1.2.0", o => o.BotAudio.StoppedSpeakingDelay = TimeSpan.FromSeconds(1));
        var audio = t.Session.BotAudio;
        var first = new RtviSpokenSegment(1, "Hello there.");
        var second = new RtviSpokenSegment(2, "How are you?");

        var reading = t.Client.ReadUntil("bot-stopped-speaking");
        await audio.SendBotOutputAsync(first);
        await audio.SendBotOutputAsync(second);
        await Marker(t.Session, "before-audio");
        await Task.Delay(150);                                   // a TTS that takes its time
        Assert.True(await audio.WriteAsync(BotAudioTests.Pcm(100), Rate, 1, first, first.Text.Length));
        Assert.True(audio.IsSpeaking);
        await audio.SendBotOutputAsync(new RtviSpokenSegment(3, "Fine."));   // while speaking: at once
        var received = await reading;

        Assert.Equal(
            ["server-message before-audio", "bot-started-speaking", "bot-output 1 Hello there.", "bot-output 2 How are you?", "audio", "bot-output 3 Fine.", "bot-stopped-speaking"],
            Collapse(received));
        var output = received.First(r => r.Type == "bot-output").Message!["data"]!;
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"text":"Hello there.","aggregated_by":"sentence","segment_id":1,"spoken":true,"will_be_spoken":true}"""), output), output.ToJsonString());
    }

    [Fact]
    public async Task Outputs_given_while_the_speech_starts_all_come_once_in_order_and_after_bot_started_speaking()
    {
        await using var t = await BotAudioTests.Start("1.2.0", o => o.BotAudio.StoppedSpeakingDelay = TimeSpan.FromSeconds(1));
        var audio = t.Session.BotAudio;
        const int Count = 200;
        var reading = t.Client.ReadUntil("bot-stopped-speaking");
        // One producer gives outputs while another starts the speech: the start falls somewhere among them, so some are
        // held and flushed by the first frame and the rest go while speaking.
        var producer = Task.Run(async () =>
        {
            for (var i = 1; i <= Count; i++)
            {
                await audio.SendBotOutputAsync(new RtviSpokenSegment(i, "s" + i));
                if (i % 20 == 0)
                {
                    await Task.Yield();
                }
            }
        });
        var speaker = Task.Run(async () => await audio.WriteAsync(BotAudioTests.Pcm(100), Rate, 1));
        await producer;
        Assert.True(await speaker);
        var received = Collapse(await reading);

        var started = received.IndexOf("bot-started-speaking");
        Assert.Equal(0, started);
        Assert.Equal(Enumerable.Range(1, Count).Select(i => $"bot-output {i} s{i}"), received.Where(l => l.StartsWith("bot-output", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Outputs_are_held_again_after_the_bot_stopped_speaking()
    {
        await using var t = await BotAudioTests.Start("1.2.0", o => o.BotAudio.StoppedSpeakingDelay = TimeSpan.FromMilliseconds(50));
        var audio = t.Session.BotAudio;
        Assert.True(await audio.WriteAsync(BotAudioTests.Pcm(40), Rate, 1));
        Assert.Equal(["bot-started-speaking", "audio", "bot-stopped-speaking"], Collapse(await t.Client.ReadUntil("bot-stopped-speaking")));

        await audio.SendBotOutputAsync(new RtviSpokenSegment(5, "Again."));
        await Marker(t.Session, "silent");
        Assert.True(await audio.WriteAsync(BotAudioTests.Pcm(40), Rate, 1));

        Assert.Equal(["server-message silent", "bot-started-speaking", "bot-output 5 Again.", "audio", "bot-stopped-speaking"],
            Collapse(await t.Client.ReadUntil("bot-stopped-speaking")));
    }

    [Fact]
    public async Task An_interruption_before_the_bot_speaks_discards_the_held_outputs()
    {
        await using var t = await BotAudioTests.Start("2.1.0", o => o.BotAudio.OutputHoldTimeout = TimeSpan.FromMilliseconds(300));
        var audio = t.Session.BotAudio;
        await audio.SendBotOutputAsync(new RtviSpokenSegment(1, "Cut short."));
        await audio.SendBotOutputAsync(new RtviSpokenSegment(2, "Never said."));
        await t.Session.InterruptAsync();
        // Past the hold timeout: what was discarded does not come late either.
        await Task.Delay(500);
        var next = new RtviSpokenSegment(3, "New turn.");
        await audio.SendBotOutputAsync(next);
        Assert.True(await audio.WriteAsync(BotAudioTests.Pcm(60), Rate, 1));

        var received = Collapse(await t.Client.ReadUntil("bot-stopped-speaking"));
        Assert.Equal(["bot-interrupted", "bot-started-speaking", "bot-output 3 New turn.", "audio", "bot-stopped-speaking"], received);
    }

    [Fact]
    public async Task A_held_output_of_a_turn_interrupted_before_the_call_is_not_sent_and_its_cancelled_token_throws()
    {
        await using var t = await BotAudioTests.Start("1.2.0");
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(t.Session.InterruptionToken);
        await t.Session.InterruptAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Session.BotAudio.SendBotOutputAsync(new RtviSpokenSegment(1, "Late."), turn.Token).AsTask());
        Assert.True(await t.Session.BotAudio.WriteAsync(BotAudioTests.Pcm(40), Rate, 1));
        Assert.Equal(["bot-started-speaking", "audio", "bot-stopped-speaking"], Collapse(await t.Client.ReadUntil("bot-stopped-speaking")));
    }

    [Fact]
    public async Task Outputs_whose_audio_never_comes_are_sent_after_the_hold_timeout_once()
    {
        var timeout = TimeSpan.FromMilliseconds(300);
        await using var t = await BotAudioTests.Start("1.2.0", o => o.BotAudio.OutputHoldTimeout = timeout);
        await Marker(t.Session, "start");
        var start = (await t.Client.Next()).At;
        await t.Session.BotAudio.SendBotOutputAsync(new RtviSpokenSegment(1, "No voice."));
        await t.Session.BotAudio.SendBotOutputAsync(new RtviSpokenSegment(2, "Still none."));

        var first = await t.Client.Next();
        var second = await t.Client.Next();
        Assert.Equal(["bot-output 1 No voice.", "bot-output 2 Still none."], [Describe(first), Describe(second)]);
        Assert.True(first.At - start >= timeout - TimeSpan.FromMilliseconds(100), $"sent after {(first.At - start).TotalMilliseconds:F0} ms");

        // Speech that starts later does not send them again.
        Assert.True(await t.Session.BotAudio.WriteAsync(BotAudioTests.Pcm(40), Rate, 1));
        Assert.Equal(["bot-started-speaking", "audio", "bot-stopped-speaking"], Collapse(await t.Client.ReadUntil("bot-stopped-speaking")));
    }

    [Theory]
    [InlineData(null, "bot-transcription")]                      // 0.3: bot-transcription, sent from the LLM text at once
    [InlineData("1.0.0", "bot-transcription")]
    [InlineData("1.2.0", "bot-output")]                           // with a zero hold timeout
    public async Task Output_that_nothing_holds_goes_at_once(string? version, string type)
    {
        await using var t = await BotAudioTests.Start(version, o => o.BotAudio.OutputHoldTimeout = type == "bot-output" ? TimeSpan.Zero : TimeSpan.FromSeconds(5));
        await t.Session.BotAudio.SendBotOutputAsync(new RtviSpokenSegment(1, "Right away."));
        await Marker(t.Session, "after");

        Assert.Equal([type, "server-message"], (await t.Client.ReadUntil("server-message")).Select(r => r.Type));
    }

    [Fact]
    public async Task A_2x_client_gets_no_word_aggregates_held_or_not()
    {
        await using var t = await BotAudioTests.Start("2.1.0");
        await t.Session.BotAudio.SendBotOutputAsync(new RtviSpokenSegment(1, "word", "word"));
        Assert.True(await t.Session.BotAudio.WriteAsync(BotAudioTests.Pcm(40), Rate, 1));
        Assert.Equal(["bot-started-speaking", "audio", "bot-stopped-speaking"], Collapse(await t.Client.ReadUntil("bot-stopped-speaking")));
    }

    [Fact]
    public void The_hold_timeout_must_be_between_zero_and_a_minute()
    {
        Assert.Throws<ArgumentOutOfRangeException>("OutputHoldTimeout", () => new RtviBotAudioOptions { OutputHoldTimeout = TimeSpan.FromMilliseconds(-1) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>("OutputHoldTimeout", () => new RtviBotAudioOptions { OutputHoldTimeout = TimeSpan.FromMinutes(2) }.Validate());
        new RtviBotAudioOptions { OutputHoldTimeout = TimeSpan.Zero }.Validate();
    }

    [Fact]
    public void The_hold_is_bounded_in_count_and_text_and_keeps_its_order()
    {
        var hold = new BotOutputHold();
        for (var i = 0; i <= BotOutputHold.MaxCount; i++)
        {
            hold.Add(new HeldBotOutput(new RtviSpokenSegment(i, "x"), 1, Due: 1000 + i));
        }
        // One over the count: only the oldest must go now.
        Assert.True(hold.TryTake(long.MinValue, out var pushed));
        Assert.Equal(0, pushed.Segment.SegmentId);
        Assert.False(hold.TryTake(long.MinValue, out _));
        // Due ones go in order, the rest stay.
        Assert.True(hold.TryTake(1001, out var due));
        Assert.Equal(1, due.Segment.SegmentId);
        Assert.False(hold.TryTake(1001, out _));
        Assert.Equal(BotOutputHold.MaxCount - 1, hold.Count);

        hold.Clear();
        Assert.Equal((0, long.MaxValue), (hold.Count, hold.NextDue));
        var half = new string('a', BotOutputHold.MaxTextLength / 2);
        hold.Add(new HeldBotOutput(new RtviSpokenSegment(1, half), 1, 10));
        hold.Add(new HeldBotOutput(new RtviSpokenSegment(2, half), 1, 10));
        Assert.False(hold.TryTake(long.MinValue, out _));
        hold.Add(new HeldBotOutput(new RtviSpokenSegment(3, "b"), 1, 10));
        Assert.True(hold.TryTake(long.MinValue, out var over));
        Assert.Equal(1, over.Segment.SegmentId);
        Assert.False(hold.TryTake(long.MinValue, out _));
        Assert.True(hold.TryTake(long.MaxValue, out _));
        Assert.True(hold.TryTake(long.MaxValue, out _));
        Assert.False(hold.TryTake(long.MaxValue, out _));
        Assert.Equal(0, hold.Count);
    }

    [Fact]
    public async Task Beyond_the_bound_the_oldest_held_output_goes_at_once()
    {
        await using var t = await BotAudioTests.Start("1.2.0");
        for (var i = 1; i <= BotOutputHold.MaxCount + 2; i++)
        {
            await t.Session.BotAudio.SendBotOutputAsync(new RtviSpokenSegment(i, "s" + i));
        }
        await Marker(t.Session, "held");
        Assert.Equal(["bot-output 1 s1", "bot-output 2 s2", "server-message held"], Collapse(await t.Client.ReadUntil("server-message")));

        Assert.True(await t.Session.BotAudio.WriteAsync(BotAudioTests.Pcm(40), Rate, 1));
        var received = Collapse(await t.Client.ReadUntil("bot-stopped-speaking"));
        Assert.Equal(Enumerable.Range(3, BotOutputHold.MaxCount).Select(i => $"bot-output {i} s{i}"), received.Skip(1).Take(BotOutputHold.MaxCount));
        Assert.Equal(["bot-started-speaking", "audio", "bot-stopped-speaking"], received.Where(l => !l.StartsWith("bot-output", StringComparison.Ordinal)));
    }
}
