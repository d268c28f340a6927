using Microsoft.Extensions.AI;
using Rtvi.Extensions.AI;

namespace Rtvi.Quickstart.Tests.Conversation;

/// <summary>
/// <see cref="RtviConversation"/> turns as transcripts, per client generation: 0.3 (no version), 1.x legacy (1.0.0) and
/// 2.1. Each line is one message the client received, in order.
/// </summary>
public sealed class ConversationTranscriptTests
{
    /// <summary>0.3 (no version), 1.x legacy and 2.1.</summary>
    public static TheoryData<string?> Generations => [null, "1.0.0", "2.1.0"];

    private const string Hello = """{"content":"Hi bot","options":{}}""";

    private static string Output(string text, int segment, bool spoken = true) =>
        $$"""bot-output {"text":"{{text}}","aggregated_by":"sentence","segment_id":{{segment}},"spoken":{{(spoken ? "true" : "false")}},"will_be_spoken":{{(spoken ? "true" : "false")}}}""";

    /// <summary>What a generation gets for an aggregate: bot-output from 1.1, bot-transcription before.</summary>
    private static string Aggregate(string? version, string text, int segment) =>
        version is "2.1.0" ? Output(text, segment) : "bot-transcription " + text;

    /// <summary>2.x clients are told about the interruption a send-text run immediately performs.</summary>
    private static string[] Interrupted(string? version) => version is "2.1.0" ? ["bot-interrupted"] : [];

    [Theory]
    [MemberData(nameof(Generations))]
    public async Task A_plain_turn_streams_the_answer_with_aggregates_and_metrics(string? version)
    {
        var model = new ScriptedChatClient().Then(Step.Says("Hello there. "), Step.Says("How are "), Step.Says("you?"), Step.Uses(12, 3));
        await using var bot = await ConversationSession.StartAsync(version, model);

        await bot.SendAsync("send-text", Hello);

        Assert.Equal(
        [
            .. Interrupted(version),
            "user-llm-text Hi bot",
            "bot-llm-started",
            "metrics ttfb",
            "bot-llm-text Hello there. ",
            Aggregate(version, "Hello there.", 1),
            "bot-llm-text How are ",
            "bot-llm-text you?",
            Aggregate(version, "How are you?", 2),
            "metrics processing,tokens",
            "bot-llm-stopped",
        ], await bot.ReceiveUntilAsync("bot-llm-stopped"));
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public async Task A_server_side_tool_runs_in_the_bot_and_only_1_2_and_later_clients_see_its_lifecycle(string? version)
    {
        var model = new ScriptedChatClient()
            .Then(Step.Calls("call_1", "get_weather", new() { ["city"] = "Paris" }))
            .Then(Step.Says("Sunny."));
        await using var bot = await ConversationSession.StartAsync(version, model, options =>
            options.Tools.Add(AIFunctionFactory.Create((string city) => $"sunny in {city}", "get_weather", "The weather.")));

        await bot.SendAsync("send-text", Hello);

        string[] lifecycle = version is "2.1.0"
            ?
            [
                """llm-function-call-started {"function_name":"get_weather"}""",
                """llm-function-call-in-progress {"tool_call_id":"call_1","function_name":"get_weather","arguments":{"city":"Paris"}}""",
                """llm-function-call-stopped {"tool_call_id":"call_1","cancelled":false,"function_name":"get_weather","result":"sunny in Paris"}""",
            ]
            : [];
        Assert.Equal(
        [
            .. Interrupted(version),
            "user-llm-text Hi bot",
            "bot-llm-started",
            .. lifecycle,
            "metrics ttfb",
            "bot-llm-text Sunny.",
            Aggregate(version, "Sunny.", 1),
            "metrics processing",
            "bot-llm-stopped",
        ], await bot.ReceiveUntilAsync("bot-llm-stopped"));
        var second = model.Requests.Last();
        Assert.Contains(second, m => m.Contents.OfType<FunctionResultContent>().Any(r => r.CallId == "call_1"));
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public async Task A_client_side_tool_is_relayed_to_the_client_and_its_result_answers_the_model(string? version)
    {
        var model = new ScriptedChatClient().Then(Step.Calls("call_7", "get_client_time")).Then(Step.Says("It is noon."));
        await using var bot = await ConversationSession.StartAsync(version, model, options =>
            options.SessionTools = session => [new RtviClientFunction(session, "get_client_time", "The browser's time.")]);

        await bot.SendAsync("send-text", Hello);
        var call = version is "2.1.0" ? "llm-function-call-in-progress" : "llm-function-call";
        var beforeResult = await bot.ReceiveUntilAsync(call);
        await bot.SendAsync("llm-function-call-result", """{"function_name":"get_client_time","tool_call_id":"call_7","arguments":{},"result":"noon"}""");
        var afterResult = await bot.ReceiveUntilAsync("bot-llm-stopped");

        string[] relay = version is "2.1.0"
            ?
            [
                """llm-function-call-started {"function_name":"get_client_time"}""",
                """llm-function-call-in-progress {"tool_call_id":"call_7","function_name":"get_client_time","arguments":{}}""",
                """llm-function-call-stopped {"tool_call_id":"call_7","cancelled":false,"function_name":"get_client_time","result":"noon"}""",
            ]
            : ["""llm-function-call {"function_name":"get_client_time","tool_call_id":"call_7","args":{}}"""];
        Assert.Equal(
        [
            .. Interrupted(version),
            "user-llm-text Hi bot",
            "bot-llm-started",
            .. relay,
            "metrics ttfb",
            "bot-llm-text It is noon.",
            Aggregate(version, "It is noon.", 1),
            "metrics processing",
            "bot-llm-stopped",
        ], [.. beforeResult, .. afterResult]);
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public async Task A_newer_send_text_interrupts_the_turn_which_keeps_what_it_said_and_stops(string? version)
    {
        var model = new ScriptedChatClient().Then(Step.Says("First part. "), Step.Says("Half"), Step.Blocks()).Then(Step.Says("Second."));
        await using var bot = await ConversationSession.StartAsync(version, model);

        await bot.SendAsync("send-text", """{"content":"Tell me a story"}""");
        await model.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await bot.SendAsync("send-text", """{"content":"Stop"}""");
        var first = await bot.ReceiveUntilAsync("bot-llm-stopped");
        var second = await bot.ReceiveUntilAsync("bot-llm-stopped");

        Assert.Equal(
        [
            .. Interrupted(version),
            "user-llm-text Tell me a story",
            "bot-llm-started",
            "metrics ttfb",
            "bot-llm-text First part. ",
            Aggregate(version, "First part.", 1),
            "bot-llm-text Half",
            "bot-llm-stopped",
            .. Interrupted(version),
            "user-llm-text Stop",
            "bot-llm-started",
            "metrics ttfb",
            "bot-llm-text Second.",
            Aggregate(version, "Second.", 2),
            "metrics processing",
            "bot-llm-stopped",
        ], [.. first, .. second]);
        var kept = model.Requests.Last()[1];
        Assert.Equal(ChatRole.Assistant, kept.Role);
        Assert.Equal("First part. Half", kept.Text);
        Assert.Equal(true, kept.AdditionalProperties?[RtviConversation.InterruptedProperty]);
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public async Task A_failing_model_sends_a_fixed_error_and_stops(string? version)
    {
        var model = new ScriptedChatClient().Then(Step.Fails());
        await using var bot = await ConversationSession.StartAsync(version, model);

        await bot.SendAsync("send-text", Hello);

        Assert.Equal(
        [
            .. Interrupted(version),
            "user-llm-text Hi bot",
            "bot-llm-started",
            $$"""error {"error":"{{RtviConversation.ModelFailedText}}","fatal":false}""",
            "bot-llm-stopped",
        ], await bot.ReceiveUntilAsync("bot-llm-stopped"));
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public async Task A_model_that_streams_nothing_starts_and_stops_without_output(string? version)
    {
        var model = new ScriptedChatClient().Then();
        await using var bot = await ConversationSession.StartAsync(version, model);

        await bot.SendAsync("send-text", Hello);

        Assert.Equal(
        [
            .. Interrupted(version),
            "user-llm-text Hi bot",
            "bot-llm-started",
            "metrics processing",
            "bot-llm-stopped",
        ], await bot.ReceiveUntilAsync("bot-llm-stopped"));
    }
}
