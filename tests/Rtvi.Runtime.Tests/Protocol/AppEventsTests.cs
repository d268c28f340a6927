using System.Text.Json;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Protocol;

/// <summary>Events the app sends beyond the speech events: ui-command, ui-job-group, its own message types and the lifecycle of the bot's own functions.</summary>
public sealed class AppEventsTests
{
    private static async Task<(Transcript T, RtviSession Session)> Ready(string? version)
    {
        var sessionSeen = new TaskCompletionSource<RtviSession>();
        var t = Fixture(RtviProtocolMode.Auto, o => o.Hooks.OnClientReady = (s, _, _) =>
        {
            sessionSeen.TrySetResult(s);
            return default;
        });
        await t.Handshake(version);
        return (t, await sessionSeen.Task);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(Quote(json)).RootElement.Clone();

    [Fact]
    public async Task Ui_command_carries_the_command_and_its_payload()
    {
        var (t, s) = await Ready("2.1.0");
        await using var _ = t;

        await s.Events.UiCommandAsync("toast", Json("{'title':'Saved'}"));
        await s.Events.UiCommandAsync("clear");

        await t.Expect("{'label':'rtvi-ai','type':'ui-command','data':{'command':'toast','payload':{'title':'Saved'}}}");
        await t.Expect("{'label':'rtvi-ai','type':'ui-command','data':{'command':'clear'}}");
    }

    [Fact]
    public async Task Ui_job_group_events_carry_their_kind_members_and_time()
    {
        var (t, s) = await Ready("2.1.0");
        await using var _ = t;
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await s.Events.UiJobGroupStartedAsync("job-1", ["researcher"], "Research");
        await s.Events.UiJobUpdateAsync("job-1", "researcher", Json("{'step':1}"));
        await s.Events.UiJobCompletedAsync("job-1", "researcher", "completed", Json("'done'"));
        await s.Events.UiJobGroupCompletedAsync("job-1");

        var started = await t.ExpectType("ui-job-group");
        Assert.True((long)started["data"]!["at"]! >= before);
        started["data"]!.AsObject().Remove("at");
        Assert.Equal(Quote("{'kind':'group_started','job_id':'job-1','workers':['researcher'],'label':'Research','cancellable':true}"), started["data"]!.ToJsonString());
        Assert.Equal("job_update", (string?)(await t.ExpectType("ui-job-group"))["data"]!["kind"]);
        var completed = (await t.ExpectType("ui-job-group"))["data"]!;
        Assert.Equal(("job_completed", "completed", "done"), ((string?)completed["kind"], (string?)completed["status"], (string?)completed["response"]));
        Assert.Equal("group_completed", (string?)(await t.ExpectType("ui-job-group"))["data"]!["kind"]);
    }

    [Fact]
    public async Task Ui_events_are_not_sent_to_0_3_clients()
    {
        var (t, s) = await Ready(null);
        await using var _ = t;

        await s.Events.UiCommandAsync("toast");
        await s.Events.UiJobGroupCompletedAsync("job-1");

        await t.ExpectQuiet();
    }

    [Fact]
    public async Task A_custom_message_type_is_sent_with_its_data_to_every_generation()
    {
        var (t, s) = await Ready(null);
        await using var _ = t;

        await s.Events.SendCustomAsync("search-results", Json("{'hits':2}"));
        await s.Events.SendCustomAsync("ping");

        await t.Expect("{'label':'rtvi-ai','type':'search-results','data':{'hits':2}}");
        await t.Expect("{'label':'rtvi-ai','type':'ping'}");
    }

    [Theory]
    [InlineData("bot-ready")]
    [InlineData("server-response")]
    [InlineData("Search")]
    [InlineData("search_results")]
    [InlineData("-search")]
    [InlineData("search--results")]
    [InlineData("search-")]
    public async Task A_custom_message_type_that_is_a_protocol_type_or_not_kebab_case_is_refused(string type)
    {
        var (t, s) = await Ready("2.1.0");
        await using var _ = t;

        await Assert.ThrowsAsync<ArgumentException>(() => s.Events.SendCustomAsync(type).AsTask());
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task The_bot_own_function_call_lifecycle_follows_the_report_level()
    {
        var (t, s) = await Ready("2.1.0");
        await using var _ = t;

        await s.Events.FunctionCallStartedAsync("f", RtviFunctionCallReportLevel.None);
        await s.Events.FunctionCallInProgressAsync("f", "call_1", Json("{'a':1}"), RtviFunctionCallReportLevel.Name);
        await s.Events.FunctionCallStoppedAsync("f", "call_1", false, Json("{'ok':true}"), RtviFunctionCallReportLevel.Full);
        await s.Events.FunctionCallStartedAsync("f", RtviFunctionCallReportLevel.Disabled);

        await t.Expect("{'label':'rtvi-ai','type':'llm-function-call-started','data':{}}");
        await t.Expect("{'label':'rtvi-ai','type':'llm-function-call-in-progress','data':{'tool_call_id':'call_1','function_name':'f'}}");
        await t.Expect("{'label':'rtvi-ai','type':'llm-function-call-stopped','data':{'tool_call_id':'call_1','cancelled':false,'function_name':'f','result':{'ok':true}}}");
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task Token_metrics_carry_cached_and_reasoning_tokens_when_known()
    {
        var (t, s) = await Ready("2.1.0");
        await using var _ = t;

        await s.Events.MetricsAsync(new RtviMetrics { Tokens = [new RtviTokenUsage("llm", 10, 5) { CacheReadInputTokens = 4, ReasoningTokens = 2 }] });

        await t.Expect("{'label':'rtvi-ai','type':'metrics','data':{'tokens':[{'processor':'llm','prompt_tokens':10,'completion_tokens':5,'total_tokens':15,'cache_read_input_tokens':4,'reasoning_tokens':2}]}}");
    }
}
