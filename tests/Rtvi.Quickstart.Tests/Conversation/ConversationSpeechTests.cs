namespace Rtvi.Quickstart.Tests.Conversation;

/// <summary>
/// A spoken turn with a TTS (<c>RtviConversationOptions.Speak</c>) on a connection that carries audio: its
/// <c>bot-output</c> waits for the bot to start speaking, as the reference does; without a TTS, in a turn that is not
/// spoken, and once the hold timed out it goes without waiting; an interruption discards what was held.
/// </summary>
public sealed class ConversationSpeechTests
{
    private const int Rate = 24_000;

    /// <summary>A TTS that speaks the segments one after the other, each after <paramref name="delay"/>, as 60 ms of audio.</summary>
    private sealed class SlowTts(TimeSpan delay)
    {
        private readonly Lock _lock = new();
        private Task _chain = Task.CompletedTask;

        public List<int> Spoken { get; } = [];

        public ValueTask Speak(RtviSession session, RtviSpokenSegment segment, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                _chain = SpeakAfterAsync(_chain, session, segment, cancellationToken);
            }
            return default;
        }

        private async Task SpeakAfterAsync(Task previous, RtviSession session, RtviSpokenSegment segment, CancellationToken cancellationToken)
        {
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                await Task.Delay(delay, cancellationToken);
                if (await session.BotAudio.WriteAsync(new byte[Rate * 2 * 60 / 1000], Rate, 1, segment, segment.Text.Length, cancellationToken))
                {
                    lock (_lock)
                    {
                        Spoken.Add(segment.SegmentId);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Interrupted: the rest is not spoken.
            }
        }
    }

    private static string Output(int segmentId, string text) =>
        $$"""bot-output {"text":"{{text}}","aggregated_by":"sentence","segment_id":{{segmentId}},"spoken":true,"will_be_spoken":true}""";

    [Fact]
    public async Task A_spoken_turns_bot_output_follows_bot_started_speaking_in_order_with_its_segment_ids()
    {
        var tts = new SlowTts(TimeSpan.FromMilliseconds(150));
        var model = new ScriptedChatClient().Then(Step.Says("Hello there. How are you?"));
        await using var bot = await ConversationSession.StartAsync("1.2.0", model, o => o.Speak = tts.Speak, audio: true, configureServer: null);

        await bot.SendAsync("send-text", """{"content":"hi"}""");
        var lines = await bot.ReceiveUntilAsync("bot-stopped-speaking");

        var started = lines.IndexOf("bot-started-speaking");
        Assert.True(started > lines.IndexOf("bot-llm-text Hello there. How are you?"), string.Join("\n", lines));
        Assert.Equal([Output(1, "Hello there."), Output(2, "How are you?"), "audio"], lines.Skip(started + 1).Take(3));
        Assert.Equal(2, lines.Count(l => l.StartsWith("bot-output", StringComparison.Ordinal)));
        Assert.True(lines.IndexOf("bot-llm-stopped") < started, "the LLM ends before the slow TTS speaks: bot-llm-stopped is not held");
        Assert.Equal([1, 2], tts.Spoken);
    }

    [Fact]
    public async Task An_interruption_before_the_bot_speaks_discards_the_held_bot_output()
    {
        var tts = new SlowTts(TimeSpan.FromSeconds(2));
        var model = new ScriptedChatClient().Then(Step.Says("Hello there.")).Then(Step.Says("Quiet."));
        await using var bot = await ConversationSession.StartAsync("1.2.0", model, o => o.Speak = tts.Speak, audio: true,
            configureServer: o => o.BotAudio.OutputHoldTimeout = TimeSpan.FromSeconds(1));

        await bot.SendAsync("send-text", """{"content":"hi"}""");
        var first = await bot.ReceiveUntilAsync("bot-llm-stopped");
        await bot.SendAsync("send-text", """{"content":"shh","options":{"audio_response":false}}""");
        var second = await bot.ReceiveUntilAsync("bot-llm-stopped");
        await Task.Delay(1200);                                 // past the hold timeout
        await bot.SendAsync("client-message", """{"t":"nothing-here","d":{}}""");
        var after = await bot.ReceiveUntilAsync("error-response");

        string[] all = [.. first, .. second, .. after];
        Assert.DoesNotContain(all, l => l.StartsWith("bot-output", StringComparison.Ordinal) && l.Contains("Hello there.", StringComparison.Ordinal));
        Assert.DoesNotContain("bot-started-speaking", all);
        Assert.Contains("""bot-output {"text":"Quiet.","aggregated_by":"sentence","segment_id":2,"spoken":false,"will_be_spoken":false}""", second);
        Assert.Empty(tts.Spoken);
    }

    [Fact]
    public async Task Without_a_tts_a_spoken_turns_bot_output_goes_at_once()
    {
        var model = new ScriptedChatClient().Then(Step.Says("Hello there."));
        await using var bot = await ConversationSession.StartAsync("1.2.0", model, configure: null, audio: true, configureServer: null);

        await bot.SendAsync("send-text", """{"content":"hi"}""");

        Assert.Equal(["user-llm-text hi", "bot-llm-started", "metrics ttfb", "bot-llm-text Hello there.", Output(1, "Hello there."), "metrics processing", "bot-llm-stopped"],
            await bot.ReceiveUntilAsync("bot-llm-stopped"));
    }

    [Fact]
    public async Task Bot_output_whose_audio_never_comes_is_sent_after_the_hold_timeout()
    {
        var model = new ScriptedChatClient().Then(Step.Says("Hello there."));
        await using var bot = await ConversationSession.StartAsync("1.2.0", model, o => o.Speak = (_, _, _) => default, audio: true,
            configureServer: o => o.BotAudio.OutputHoldTimeout = TimeSpan.FromMilliseconds(200));

        await bot.SendAsync("send-text", """{"content":"hi"}""");
        var turn = await bot.ReceiveUntilAsync("bot-llm-stopped");
        Assert.DoesNotContain(turn, l => l.StartsWith("bot-output", StringComparison.Ordinal));

        Assert.Equal([Output(1, "Hello there.")], await bot.ReceiveUntilAsync("bot-output"));
    }
}
