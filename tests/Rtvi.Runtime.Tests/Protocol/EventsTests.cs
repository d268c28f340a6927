using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Protocol;

public sealed class EventsTests
{
    private static async Task<(Transcript T, RtviSession Session)> Ready(RtviProtocolMode mode, string? version)
    {
        var sessionSeen = new TaskCompletionSource<RtviSession>();
        var t = Fixture(mode, o => o.Hooks.OnClientReady = (s, _, _) =>
        {
            sessionSeen.TrySetResult(s);
            return default;
        });
        await t.Handshake(version);
        return (t, await sessionSeen.Task);
    }

    [Fact]
    public async Task Events_have_no_id_and_omit_empty_data()
    {
        var (t, s) = await Ready(RtviProtocolMode.V2, "2.1.0");
        await using var _ = t;
        await s.Events.BotLlmStartedAsync();
        await s.Events.BotLlmTextAsync(" Hello");
        await s.Events.BotLlmStoppedAsync();
        await s.Events.UserStartedSpeakingAsync();
        await s.Events.UserLlmTextAsync("hi");
        await t.Expect("{'label':'rtvi-ai','type':'bot-llm-started'}");
        await t.Expect("{'label':'rtvi-ai','type':'bot-llm-text','data':{'text':' Hello'}}");
        await t.Expect("{'label':'rtvi-ai','type':'bot-llm-stopped'}");
        await t.Expect("{'label':'rtvi-ai','type':'user-started-speaking'}");
        await t.Expect("{'label':'rtvi-ai','type':'user-llm-text','data':{'text':'hi'}}");
    }

    [Fact]
    public async Task Bot_output_is_bot_output_for_2x_and_bot_transcription_for_0_3()
    {
        var (t2, s2) = await Ready(RtviProtocolMode.Auto, "2.1.0");
        await using (t2)
        {
            await s2.Events.BotOutputAsync("Hello there.", segmentId: 4);
            await s2.Events.BotOutputAsync("Hello", aggregatedBy: "word");
            await t2.Expect("{'label':'rtvi-ai','type':'bot-output','data':{'text':'Hello there.','aggregated_by':'sentence','segment_id':4,'spoken':true,'will_be_spoken':true}}");
            await t2.ExpectQuiet();
        }

        var (t0, s0) = await Ready(RtviProtocolMode.Auto, null);
        await using (t0)
        {
            await s0.Events.BotOutputAsync("Hello there.");
            await t0.Expect("{'label':'rtvi-ai','type':'bot-transcription','data':{'text':'Hello there.'}}");
        }
    }

    [Fact]
    public async Task Legacy_1x_clients_get_word_level_bot_output()
    {
        var (t, s) = await Ready(RtviProtocolMode.V2, "1.2.0");
        await using var _ = t;
        await s.Events.BotOutputAsync("Hi", aggregatedBy: "word");
        await t.ExpectType("bot-output");
    }

    [Fact]
    public async Task Version_specific_events_are_not_sent_to_older_clients()
    {
        var (t, s) = await Ready(RtviProtocolMode.Auto, null);
        await using var _ = t;
        await s.Events.UserMuteStartedAsync();
        await s.InterruptAsync();
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task Interruption_and_mute_reach_2x_clients()
    {
        var (t, s) = await Ready(RtviProtocolMode.V2, "2.1.0");
        await using var _ = t;
        var token = s.InterruptionToken;
        await s.InterruptAsync();
        Assert.True(token.IsCancellationRequested);
        Assert.False(s.InterruptionToken.IsCancellationRequested);
        await s.Events.UserMuteStartedAsync();
        await t.Expect("{'label':'rtvi-ai','type':'bot-interrupted'}");
        await t.Expect("{'label':'rtvi-ai','type':'user-mute-started'}");
    }

    [Fact]
    public async Task Metrics_and_transcriptions_have_the_protocol_shape()
    {
        var (t, s) = await Ready(RtviProtocolMode.V0_3, null);
        await using var _ = t;
        await s.Events.MetricsAsync(new RtviMetrics
        {
            Ttfb = [new RtviMetric("llm", 0.42, "gpt")],
            Tokens = [new RtviTokenUsage("llm", 10, 5)],
        });
        await s.Events.UserTranscriptionAsync("what's up", final: true, userId: "u-1", timestamp: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await t.Expect("{'label':'rtvi-ai','type':'metrics','data':{'ttfb':[{'processor':'llm','model':'gpt','value':0.42}],'tokens':[{'processor':'llm','prompt_tokens':10,'completion_tokens':5,'total_tokens':15}]}}");
        var transcription = await t.ExpectType("user-transcription");
        Assert.Equal("what's up", (string?)transcription["data"]!["text"]);
        Assert.Equal("u-1", (string?)transcription["data"]!["user_id"]);
        Assert.Equal("2025-01-01T00:00:00.000+00:00", (string?)transcription["data"]!["timestamp"]);
        Assert.True((bool)transcription["data"]!["final"]!);
    }

    [Fact]
    public async Task A_fatal_error_is_sent_and_ends_the_session()
    {
        var (t, s) = await Ready(RtviProtocolMode.V2, "2.1.0");
        await using var _ = t;
        await s.SendErrorAsync("LLM connection failed", fatal: true);
        await t.Expect("{'label':'rtvi-ai','type':'error','data':{'error':'LLM connection failed','fatal':true}}");
        await t.ExpectClosed();
    }

    [Fact]
    public async Task A_non_fatal_error_keeps_the_session()
    {
        var (t, s) = await Ready(RtviProtocolMode.V2, "2.1.0");
        await using var _ = t;
        await s.SendErrorAsync("hiccup");
        await t.Expect("{'label':'rtvi-ai','type':'error','data':{'error':'hiccup','fatal':false}}");
        await t.ExpectQuiet();
    }
}
