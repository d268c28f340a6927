using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Protocol;

public sealed class ConfigTests
{
    private static async Task<Transcript> Ready()
    {
        var t = Fixture(RtviProtocolMode.V0_3);
        await t.Handshake();
        await t.Send(Msg("action", "log0", "{'service':'test','action':'handler_log'}"));
        // The initial config went through the option handlers when the bot became ready.
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'log0','data':{'result':[['llm','model','m-1'],['tts','voice','v-1']]}}");
        return t;
    }

    private static async Task ExpectHandlerLog(Transcript t, string log)
    {
        await t.Send(Msg("action", "log", "{'service':'test','action':'handler_log'}"));
        await t.Expect($"{{'label':'rtvi-ai','type':'action-response','id':'log','data':{{'result':{log}}}}}");
    }

    [Fact]
    public async Task Describe_config_lists_services_and_typed_options_in_registration_order()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Send(Msg("describe-config", "d1", "{}"));
        await t.Expect("{'label':'rtvi-ai','type':'config-available','id':'d1','data':{'config':[" +
            "{'name':'llm','options':[{'name':'model','type':'string'},{'name':'temperature','type':'number'},{'name':'messages','type':'array'}]}," +
            "{'name':'tts','options':[{'name':'voice','type':'string'}]}," +
            "{'name':'stt','options':[{'name':'language','type':'string'}]}]}}");
    }

    [Fact]
    public async Task Describe_actions_lists_actions_with_arguments_and_results()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Send(Msg("describe-actions", "d1", "{}"));
        var message = await t.ExpectType("actions-available", "d1");
        var actions = message["data"]!["actions"]!.AsArray();
        Assert.Equal(7, actions.Count);
        Assert.Equal("say", (string?)actions[0]!["action"]);
        Assert.Equal("bool", (string?)actions[0]!["result"]);
    }

    [Fact]
    public async Task Get_config_returns_the_initial_config()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Send(Msg("get-config", "g1", "{}"));
        await t.Expect("{'label':'rtvi-ai','type':'config','id':'g1','data':{'config':[{'service':'llm','options':[{'name':'model','value':'m-1'}]},{'service':'tts','options':[{'name':'voice','value':'v-1'}]}]}}");
    }

    [Fact]
    public async Task Update_config_applies_in_order_and_answers_with_the_whole_config()
    {
        await using var t = await Ready();
        await t.Send(Msg("update-config", "u1", "{'config':[{'service':'tts','options':[{'name':'voice','value':'v-2'}]},{'service':'llm','options':[{'name':'temperature','value':0.5},{'name':'model','value':'m-2'}]}]}"));
        await t.Expect("{'label':'rtvi-ai','type':'config','id':'u1','data':{'config':[" +
            "{'service':'llm','options':[{'name':'model','value':'m-2'},{'name':'temperature','value':0.5}]}," +
            "{'service':'tts','options':[{'name':'voice','value':'v-2'}]}]}}");
        await ExpectHandlerLog(t, "[['tts','voice','v-2'],['llm','temperature',0.5],['llm','model','m-2']]");
    }

    [Fact]
    public async Task Update_config_records_services_absent_from_the_initial_config()
    {
        await using var t = await Ready();
        await t.Send(Msg("update-config", "u1", "{'config':[{'service':'stt','options':[{'name':'language','value':'fr'}]}]}"));
        await t.ExpectType("config", "u1");
        await t.Send(Msg("get-config", "g1", "{}"));
        var config = await t.ExpectType("config", "g1");
        Assert.Contains("\"service\":\"stt\"", config.ToJsonString());
    }

    [Theory]
    [InlineData("{'config':[{'service':'tts','options':[{'name':'voice','value':'v-2'}]},{'service':'nope','options':[]}]}", "unknown service 'nope'")]
    [InlineData("{'config':[{'service':'tts','options':[{'name':'voice','value':'v-2'},{'name':'pitch','value':1}]}]}", "unknown option 'tts.pitch'")]
    [InlineData("{'config':[{'service':'tts','options':[{'name':'voice','value':'v-2'}]},{'service':'llm','options':[{'name':'temperature','value':'hot'}]}]}", "'llm.temperature' must be a number")]
    [InlineData("{'config':[{'service':'tts','options':[{'name':'voice','value':'v-2'}]},{'service':'llm','options':[{'name':'messages','value':{}}]}]}", "'llm.messages' must be an array")]
    [InlineData("{'config':[{'service':'tts','options':[{'name':'voice'}]}]}", "'config[0].options[0].value' is required")]
    [InlineData("{'config':{}}", "'config' must be an array")]
    [InlineData("{}", "'config' is required")]
    [InlineData("{'config':[{'options':[]}]}", "'config[0].service' is required")]
    [InlineData("{'config':[], 'interrupt':'maybe'}", "'interrupt' must be a bool")]
    public async Task Update_config_with_any_invalid_part_applies_nothing(string data, string reason)
    {
        await using var t = await Ready();
        await t.Send(Msg("update-config", "u1", data.Replace("}]}", "}],'interrupt':true}", StringComparison.Ordinal)));
        var error = await t.ExpectType("error-response", "u1");
        Assert.Equal("Invalid message: " + reason, (string?)error["data"]!["error"]);
        await ExpectHandlerLog(t, "[]");
        await t.Send(Msg("get-config", "g1", "{}"));
        await t.Expect("{'label':'rtvi-ai','type':'config','id':'g1','data':{'config':[{'service':'llm','options':[{'name':'model','value':'m-1'}]},{'service':'tts','options':[{'name':'voice','value':'v-1'}]}]}}");
    }

    [Fact]
    public async Task Update_config_with_interrupt_interrupts_before_applying()
    {
        await using var t = await Ready();
        await t.Send(Msg("update-config", "u1", "{'config':[{'service':'tts','options':[{'name':'voice','value':'v-3'}]}],'interrupt':true}"));
        await t.ExpectType("config", "u1");
        await ExpectHandlerLog(t, "['interrupt',['tts','voice','v-3']]");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("'true'")]
    public async Task Interrupt_flag_is_read_leniently(string flag)
    {
        await using var t = await Ready();
        await t.Send(Msg("update-config", "u1", $"{{'config':[],'interrupt':{flag}}}"));
        await t.ExpectType("config", "u1");
        await ExpectHandlerLog(t, "['interrupt']");
    }

    [Fact]
    public async Task Null_option_values_are_applied_and_omitted_on_the_wire()
    {
        await using var t = await Ready();
        await t.Send(Msg("update-config", "u1", "{'config':[{'service':'tts','options':[{'name':'voice','value':null}]}]}"));
        await t.Expect("{'label':'rtvi-ai','type':'config','id':'u1','data':{'config':[{'service':'llm','options':[{'name':'model','value':'m-1'}]},{'service':'tts','options':[{'name':'voice'}]}]}}");
    }

    [Fact]
    public async Task Same_option_twice_applies_twice_and_the_last_value_wins()
    {
        await using var t = await Ready();
        await t.Send(Msg("update-config", "u1", "{'config':[{'service':'tts','options':[{'name':'voice','value':'a'},{'name':'voice','value':'b'}]}]}"));
        await t.ExpectType("config", "u1");
        await ExpectHandlerLog(t, "[['tts','voice','a'],['tts','voice','b']]");
        await t.Send(Msg("get-config", "g1", "{}"));
        Assert.Contains("{\"name\":\"voice\",\"value\":\"b\"}", (await t.ExpectType("config", "g1")).ToJsonString());
    }

    [Fact]
    public async Task A_binder_error_applies_nothing()
    {
        var registry = new RtviRegistryBuilder()
            .AddOption("svc", "a", RtviWireType.Number, v => { _ = RtviBinder.GetInt32(v, "a"); return (_, _) => default; })
            .AddOption("svc", "b", RtviWireType.Number, v => { var n = RtviBinder.GetByte(v, "b"); return (c, _) => { c.Session.Items["b"] = n; return default; }; })
            .Build();
        await using var t = Start(registry, new RtviServerOptions { Mode = RtviProtocolMode.V0_3 });
        await t.Handshake();
        await t.Send(Msg("update-config", "u1", "{'config':[{'service':'svc','options':[{'name':'b','value':7},{'name':'a','value':1.5}]}]}"));
        var error = await t.ExpectType("error-response", "u1");
        Assert.Equal("Invalid message: 'a' is out of range", (string?)error["data"]!["error"]);
        await t.Send(Msg("get-config", "g1", "{}"));
        await t.Expect("{'label':'rtvi-ai','type':'config','id':'g1','data':{'config':[]}}");
    }

    [Fact]
    public async Task A_throwing_option_handler_gets_a_generic_error_and_keeps_what_was_applied()
    {
        var registry = new RtviRegistryBuilder()
            .AddOption("svc", "ok", RtviWireType.String, _ => (_, _) => default)
            .AddOption("svc", "bad", RtviWireType.String, _ => (_, _) => throw new InvalidOperationException("secret detail"))
            .Build();
        await using var t = Start(registry, new RtviServerOptions { Mode = RtviProtocolMode.V0_3 });
        await t.Handshake();
        await t.Send(Msg("update-config", "u1", "{'config':[{'service':'svc','options':[{'name':'ok','value':'x'},{'name':'bad','value':'y'}]}]}"));
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'u1','data':{'error':'Error processing request'}}");
        await t.Send(Msg("get-config", "g1", "{}"));
        await t.Expect("{'label':'rtvi-ai','type':'config','id':'g1','data':{'config':[{'service':'svc','options':[{'name':'ok','value':'x'}]}]}}");
    }
}
