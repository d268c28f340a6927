using Microsoft.Extensions.AI;
using Rtvi.Extensions.AI;

namespace Rtvi.Quickstart.Tests.Conversation;

/// <summary><see cref="RtviConversation"/>: per-session settings, history, report levels and interruption by the app.</summary>
public sealed class ConversationTests
{
    private const string Hello = """{"content":"Hi bot"}""";

    private static AIFunction Weather() => AIFunctionFactory.Create((string city) => $"sunny in {city}", "get_weather", "The weather.");

    [Fact]
    public async Task Per_session_settings_reach_the_model_with_the_system_prompt_first()
    {
        var model = new ScriptedChatClient().Then(Step.Says("Ok."));
        await using var bot = await ConversationSession.StartAsync("2.1.0", model, options => options.SystemPrompt = "Be brief.");
        bot.Conversation.Model = "model-b";
        bot.Conversation.Temperature = 0.25;

        await bot.SendAsync("send-text", Hello);
        await bot.ReceiveUntilAsync("bot-llm-stopped");

        var options = Assert.Single(model.Options);
        Assert.Equal(("model-b", 0.25f), (options?.ModelId, options?.Temperature));
        Assert.Equal([ChatRole.System, ChatRole.User], model.Requests.Single().Select(m => m.Role));
        Assert.Equal("Be brief.", model.Requests.Single()[0].Text);
    }

    [Fact]
    public async Task A_finished_turn_is_kept_in_the_history_for_the_next_one()
    {
        var model = new ScriptedChatClient().Then(Step.Says("One.")).Then(Step.Says("Two."));
        await using var bot = await ConversationSession.StartAsync("2.1.0", model);

        await bot.SendAsync("send-text", """{"content":"first"}""");
        await bot.ReceiveUntilAsync("bot-llm-stopped");
        await bot.SendAsync("send-text", """{"content":"second"}""");
        await bot.ReceiveUntilAsync("bot-llm-stopped");

        Assert.Equal(["first", "One.", "second"], model.Requests.Last().Select(m => m.Text));
        Assert.Equal(4, bot.Conversation.History.Count);
    }

    [Fact]
    public async Task The_history_keeps_at_most_its_budget_and_drops_whole_turns()
    {
        var model = new ScriptedChatClient();
        await using var bot = await ConversationSession.StartAsync("2.1.0", model, options => options.MaxHistoryMessages = 3);

        bot.Conversation.Append(
            new ChatMessage(ChatRole.User, "u1"), new ChatMessage(ChatRole.Assistant, "a1"),
            new ChatMessage(ChatRole.User, "u2"), new ChatMessage(ChatRole.Assistant, "a2"));

        Assert.Equal(["u2", "a2"], bot.Conversation.History.Select(m => m.Text));
    }

    [Fact]
    public async Task Send_text_without_run_immediately_only_adds_to_the_history()
    {
        var model = new ScriptedChatClient().Then(Step.Says("Both."));
        await using var bot = await ConversationSession.StartAsync("2.1.0", model);

        await bot.SendAsync("send-text", """{"content":"note","options":{"run_immediately":false}}""");
        await bot.SendAsync("send-text", """{"content":"question"}""");
        var turn = await bot.ReceiveUntilAsync("bot-llm-stopped");

        Assert.Equal(["user-llm-text question"], turn.Where(l => l.StartsWith("user-llm-text", StringComparison.Ordinal)));
        Assert.Equal(["note", "question"], model.Requests.Single().Select(m => m.Text));
    }

    [Fact]
    public async Task Send_text_without_audio_response_is_not_spoken()
    {
        var model = new ScriptedChatClient().Then(Step.Says("Quiet."));
        await using var bot = await ConversationSession.StartAsync("2.1.0", model);

        await bot.SendAsync("send-text", """{"content":"shh","options":{"audio_response":false}}""");

        Assert.Contains("""bot-output {"text":"Quiet.","aggregated_by":"sentence","segment_id":1,"spoken":false,"will_be_spoken":false}""", await bot.ReceiveUntilAsync("bot-llm-stopped"));
    }

    [Fact]
    public async Task Each_spoken_aggregate_is_handed_to_the_speech_with_the_segment_of_its_bot_output()
    {
        var spoken = new List<(int Id, string Text, string AggregatedBy, bool Cancellable)>();
        var model = new ScriptedChatClient().Then(Step.Says("Hello there. How are you?")).Then(Step.Says("Quiet."));
        await using var bot = await ConversationSession.StartAsync("2.1.0", model, o => o.Speak = (_, segment, ct) =>
        {
            spoken.Add((segment.SegmentId, segment.Text, segment.AggregatedBy, ct.CanBeCanceled));
            return default;
        });

        await bot.SendAsync("send-text", """{"content":"hi"}""");
        var turn = await bot.ReceiveUntilAsync("bot-llm-stopped");
        await bot.SendAsync("send-text", """{"content":"shh","options":{"audio_response":false}}""");
        await bot.ReceiveUntilAsync("bot-llm-stopped");

        Assert.Contains("""bot-output {"text":"Hello there.","aggregated_by":"sentence","segment_id":1,"spoken":true,"will_be_spoken":true}""", turn);
        Assert.Contains("""bot-output {"text":"How are you?","aggregated_by":"sentence","segment_id":2,"spoken":true,"will_be_spoken":true}""", turn);
        Assert.Equal([(1, "Hello there.", "sentence", true), (2, "How are you?", "sentence", true)], spoken);
    }

    [Fact]
    public async Task Append_to_context_run_immediately_answers_the_appended_message()
    {
        var model = new ScriptedChatClient().Then(Step.Says("Hi."));
        await using var bot = await ConversationSession.StartAsync("1.0.0", model);

        await bot.SendAsync("append-to-context", """{"role":"user","content":[{"type":"text","text":"Hello"},{"type":"text","text":"there"}],"run_immediately":true}""");

        Assert.Equal(["user-llm-text Hello there", "bot-llm-started", "metrics ttfb", "bot-llm-text Hi.", "bot-transcription Hi.", "metrics processing", "bot-llm-stopped"],
            await bot.ReceiveUntilAsync("bot-llm-stopped"));
    }

    [Fact]
    public async Task Token_metrics_report_cached_and_reasoning_tokens_from_the_usage()
    {
        var model = new ScriptedChatClient().Then(Step.Says("Ok."), Step.Uses(100, 7, cached: 60, reasoning: 3));
        await using var bot = await ConversationSession.StartAsync("2.1.0", model);

        await bot.SendAsync("send-text", Hello);
        var metrics = (await bot.ReceiveUntilAsync("bot-llm-stopped")).Single(l => l.StartsWith("metrics processing", StringComparison.Ordinal));

        Assert.Equal("metrics processing,tokens", metrics);
        var usage = bot.Received.Single(m => m.TryGetProperty("data", out var data) && data.TryGetProperty("tokens", out _)).GetProperty("data").GetProperty("tokens")[0];
        Assert.Equal((100, 7, 107, 60, 3), (usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32(),
            usage.GetProperty("total_tokens").GetInt32(), usage.GetProperty("cache_read_input_tokens").GetInt32(), usage.GetProperty("reasoning_tokens").GetInt32()));
        Assert.Equal(ScriptedChatClient.ModelId, usage.GetProperty("model").GetString());
    }

    [Fact]
    public async Task The_report_level_of_a_session_limits_what_its_own_function_calls_disclose()
    {
        var model = new ScriptedChatClient().Then(Step.Calls("call_1", "get_weather", new() { ["city"] = "Oslo" })).Then(Step.Says("Cold."));
        await using var bot = await ConversationSession.StartAsync("2.1.0", model, options => options.Tools.Add(Weather()));
        bot.Conversation.FunctionCallReportLevels["*"] = RtviFunctionCallReportLevel.None;

        await bot.SendAsync("send-text", Hello);
        var calls = (await bot.ReceiveUntilAsync("bot-llm-stopped")).Where(l => l.StartsWith("llm-function-call", StringComparison.Ordinal));

        Assert.Equal(
        [
            "llm-function-call-started {}",
            """llm-function-call-in-progress {"tool_call_id":"call_1"}""",
            """llm-function-call-stopped {"tool_call_id":"call_1","cancelled":false}""",
        ], calls);
    }

    [Fact]
    public async Task A_disabled_function_reports_nothing_while_others_still_do()
    {
        var model = new ScriptedChatClient().Then(Step.Calls("call_1", "get_weather", new() { ["city"] = "Oslo" })).Then(Step.Says("Cold."));
        await using var bot = await ConversationSession.StartAsync("2.1.0", model, options =>
        {
            options.Tools.Add(Weather());
            options.FunctionCallReportLevels["get_weather"] = RtviFunctionCallReportLevel.Disabled;
        });

        await bot.SendAsync("send-text", Hello);

        Assert.DoesNotContain(await bot.ReceiveUntilAsync("bot-llm-stopped"), l => l.StartsWith("llm-function-call", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Interrupting_from_the_app_stops_the_turn_before_bot_interrupted_is_sent()
    {
        var model = new ScriptedChatClient().Then(Step.Says("Once upon"), Step.Blocks());
        await using var bot = await ConversationSession.StartAsync("2.1.0", model);
        await bot.SendAsync("send-text", Hello);
        await bot.ReceiveUntilAsync("bot-llm-text");
        await model.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await bot.Conversation.InterruptAsync();

        Assert.Equal(["bot-llm-stopped", "bot-interrupted"], await bot.ReceiveUntilAsync("bot-interrupted"));
        Assert.Equal("Once upon", bot.Conversation.History[^1].Text);
    }

    [Fact]
    public void Adding_the_conversation_twice_is_refused()
    {
        var rtvi = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddRtvi().AddConversation();

        Assert.Throws<InvalidOperationException>(() => rtvi.AddConversation());
    }

    [Fact]
    public async Task An_interrupted_server_side_tool_is_reported_cancelled_before_the_turn_stops()
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = AIFunctionFactory.Create(async (CancellationToken cancellationToken) =>
        {
            running.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return "never";
        }, "slow_lookup", "Takes forever.");
        var model = new ScriptedChatClient().Then(Step.Calls("call_9", "slow_lookup")).Then(Step.Says("Next."));
        await using var bot = await ConversationSession.StartAsync("2.1.0", model, options => options.Tools.Add(slow));
        await bot.SendAsync("send-text", Hello);
        await bot.ReceiveUntilAsync("llm-function-call-in-progress");
        await running.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await bot.SendAsync("send-text", """{"content":"never mind"}""");

        Assert.Equal(
        [
            """llm-function-call-stopped {"tool_call_id":"call_9","cancelled":true,"function_name":"slow_lookup"}""",
            "bot-llm-stopped",
            "bot-interrupted",
        ], await bot.ReceiveUntilAsync("bot-interrupted"));
    }
}
