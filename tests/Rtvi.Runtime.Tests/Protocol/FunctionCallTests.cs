using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Protocol;

public sealed class FunctionCallTests
{
    [Fact]
    public async Task V0_3_client_gets_llm_function_call_and_its_result_completes_the_action()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Handshake();
        await t.Send(Msg("action", "a1", "{'service':'test','action':'invoke_tool','arguments':[{'name':'function_name','value':'get_weather'},{'name':'tool_call_id','value':'call_1'},{'name':'args','value':{'location':'Paris'}}]}"));
        await t.Expect("{'label':'rtvi-ai','type':'llm-function-call','data':{'function_name':'get_weather','tool_call_id':'call_1','args':{'location':'Paris'}}}");
        await t.Send(Msg("llm-function-call-result", "r1", "{'function_name':'get_weather','tool_call_id':'call_1','arguments':{'location':'Paris'},'result':{'conditions':'sunny'}}"));
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'a1','data':{'result':{'conditions':'sunny'}}}");
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task V2_client_gets_the_full_lifecycle()
    {
        await using var t = Fixture(RtviProtocolMode.V2);
        await t.Handshake("2.1.0");
        await t.Send(Msg("client-message", "m1", "{'t':'test.invoke_tool','d':{'function_name':'get_time','tool_call_id':'call_2','arguments':{'tz':'UTC'}}}"));
        await t.Expect("{'label':'rtvi-ai','type':'llm-function-call-started','data':{'function_name':'get_time'}}");
        await t.Expect("{'label':'rtvi-ai','type':'llm-function-call-in-progress','data':{'tool_call_id':'call_2','function_name':'get_time','arguments':{'tz':'UTC'}}}");
        await t.Send(Msg("llm-function-call-result", "r1", "{'function_name':'get_time','tool_call_id':'call_2','arguments':{'tz':'UTC'},'result':'12:00'}"));
        await t.Expect("{'label':'rtvi-ai','type':'llm-function-call-stopped','data':{'tool_call_id':'call_2','cancelled':false,'function_name':'get_time','result':'12:00'}}");
        await t.Expect("{'label':'rtvi-ai','type':'server-response','id':'m1','data':{'t':'test.invoke_tool','d':'12:00'}}");
    }

    [Fact]
    public async Task Legacy_1_0_client_gets_llm_function_call()
    {
        await using var t = Fixture(RtviProtocolMode.V2);
        await t.Handshake("1.0.0");
        await t.Send(Msg("client-message", "m1", "{'t':'test.invoke_tool','d':{'function_name':'f','tool_call_id':'c','arguments':{}}}"));
        await t.ExpectType("llm-function-call");
    }

    [Theory]
    [InlineData(RtviFunctionCallReportLevel.None, "{}", "{'tool_call_id':'c9','cancelled':false}")]
    [InlineData(RtviFunctionCallReportLevel.Name, "{'function_name':'f'}", "{'tool_call_id':'c9','cancelled':false,'function_name':'f'}")]
    public async Task Report_levels_limit_what_started_and_stopped_disclose(RtviFunctionCallReportLevel level, string started, string stopped)
    {
        await using var t = Fixture(RtviProtocolMode.V2, o => o.FunctionCallReportLevels["*"] = level);
        await t.Handshake("2.1.0");
        await t.Send(Msg("client-message", "m1", "{'t':'test.invoke_tool','d':{'function_name':'f','tool_call_id':'c9','arguments':{'a':1}}}"));
        await t.Expect($"{{'label':'rtvi-ai','type':'llm-function-call-started','data':{started}}}");
        await t.Expect("{'label':'rtvi-ai','type':'llm-function-call-in-progress','data':{'tool_call_id':'c9','function_name':'f','arguments':{'a':1}}}");
        await t.Send(Msg("llm-function-call-result", "r1", "{'function_name':'f','tool_call_id':'c9','arguments':{},'result':{}}"));
        await t.Expect($"{{'label':'rtvi-ai','type':'llm-function-call-stopped','data':{stopped}}}");
        await t.ExpectType("server-response", "m1");
    }

    [Fact]
    public async Task A_result_for_an_unknown_tool_call_gets_one_error_and_nothing_else()
    {
        await using var t = Fixture(RtviProtocolMode.V2);
        await t.Handshake("2.1.0");
        await t.Send(Msg("llm-function-call-result", "r1", "{'function_name':'f','tool_call_id':'nope','arguments':{},'result':{}}"));
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'r1','data':{'error':'Invalid message: no pending function call has this tool_call_id'}}");
        await t.ExpectQuiet();
    }

    [Theory]
    [InlineData("{'function_name':'f','tool_call_id':'c','arguments':{},'result':3}", "'result' must be an object or a string")]
    [InlineData("{'function_name':'f','tool_call_id':'c','arguments':{}}", "'result' is required")]
    [InlineData("{'function_name':'f','tool_call_id':'c','arguments':[],'result':{}}", "'arguments' must be an object")]
    [InlineData("{'tool_call_id':'c','arguments':{},'result':{}}", "'function_name' is required")]
    public async Task Invalid_results_get_invalid_message_and_leave_the_call_pending(string data, string reason)
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Handshake();
        await t.Send(Msg("action", "a1", "{'service':'test','action':'invoke_tool','arguments':[{'name':'function_name','value':'f'},{'name':'tool_call_id','value':'c'},{'name':'args','value':{}}]}"));
        await t.ExpectType("llm-function-call");
        await t.Send(Msg("llm-function-call-result", "r1", data));
        var error = await t.ExpectType("error-response", "r1");
        Assert.Equal("Invalid message: " + reason, (string?)error["data"]!["error"]);
        await t.Send(Msg("llm-function-call-result", "r2", "{'function_name':'f','tool_call_id':'c','arguments':{},'result':'fine'}"));
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'a1','data':{'result':'fine'}}");
    }

    [Fact]
    public async Task A_timed_out_call_is_reported_stopped_and_cancelled()
    {
        var outcome = new TaskCompletionSource<Exception>();
        await using var t = await CallingClientFunction(async (c, _, ct) =>
            {
                try
                {
                    await c.Session.CallClientFunctionAsync("f", "c1", default, TimeSpan.FromMilliseconds(100), ct);
                }
                catch (Exception e)
                {
                    outcome.TrySetResult(e);
                    throw;
                }
                return RtviResult.None;
            });
        await t.Expect("{'label':'rtvi-ai','type':'llm-function-call-stopped','data':{'tool_call_id':'c1','cancelled':true,'function_name':'f'}}");
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'m1','data':{'error':'Error processing request'}}");
        Assert.IsType<RtviFunctionCallTimeoutException>(await outcome.Task);
        // A late result is now for an unknown call.
        await t.Send(Msg("llm-function-call-result", "r1", "{'function_name':'f','tool_call_id':'c1','arguments':{},'result':{}}"));
        await t.ExpectType("error-response", "r1");
    }

    [Fact]
    public async Task A_cancelled_call_is_reported_stopped_and_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        await using var t = await CallingClientFunction(async (c, _, _) =>
            {
                await c.Session.CallClientFunctionAsync("f", "c1", default, null, cancel.Token);
                return RtviResult.None;
            });
        await cancel.CancelAsync();
        await t.Expect("{'label':'rtvi-ai','type':'llm-function-call-stopped','data':{'tool_call_id':'c1','cancelled':true,'function_name':'f'}}");
        await t.ExpectType("error-response", "m1");
    }

    [Fact]
    public async Task Session_end_settles_pending_calls()
    {
        var outcome = new TaskCompletionSource<Exception?>();
        await using var t = await CallingClientFunction(async (c, _, _) =>
            {
                try
                {
                    await c.Session.CallClientFunctionAsync("f", "c1", default, TimeSpan.FromMinutes(5));
                    outcome.TrySetResult(null);
                }
                catch (Exception e)
                {
                    outcome.TrySetResult(e);
                }
                return RtviResult.None;
            });
        await t.Send(Msg("disconnect-bot", "d1"));
        Assert.IsAssignableFrom<OperationCanceledException>(await outcome.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await t.ExpectClosed();
    }

    [Fact]
    public async Task Duplicate_pending_tool_call_ids_are_refused()
    {
        var second = new TaskCompletionSource<Exception>();
        var registry = new RtviRegistryBuilder()
            .AddClientMessage("call", (c, _, _) =>
            {
                _ = c.Session.CallClientFunctionAsync("f", "dup", default, TimeSpan.FromSeconds(5));
                second.TrySetResult(Assert.Throws<InvalidOperationException>(() => c.Session.CallClientFunctionAsync("f", "dup", default).GetAwaiter().GetResult()));
                return ValueTask.FromResult(RtviResult.None);
            })
            .Build();
        await using var t = Start(registry, new RtviServerOptions { Mode = RtviProtocolMode.V2 });
        await t.Handshake("2.1.0");
        await t.Send(Msg("client-message", "m1", "{'t':'call'}"));
        Assert.IsType<InvalidOperationException>(await second.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>A 2.x session whose client-message "call" runs <paramref name="handler"/>, already waiting for the client's result.</summary>
    private static async Task<Transcript> CallingClientFunction(RtviClientMessageHandler handler)
    {
        var t = Start(new RtviRegistryBuilder().AddClientMessage("call", handler).Build(), new RtviServerOptions { Mode = RtviProtocolMode.V2 });
        await t.Handshake("2.1.0");
        await t.Send(Msg("client-message", "m1", "{'t':'call'}"));
        await t.ExpectType("llm-function-call-started");
        await t.ExpectType("llm-function-call-in-progress");
        return t;
    }
}
