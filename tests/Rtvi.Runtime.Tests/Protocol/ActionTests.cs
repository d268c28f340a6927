using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Protocol;

public sealed class ActionTests
{
    private static async Task<Transcript> Ready(RtviProtocolMode mode = RtviProtocolMode.V0_3)
    {
        var t = Fixture(mode);
        await t.Handshake();
        return t;
    }

    [Fact]
    public async Task Typed_action_returns_its_result()
    {
        await using var t = await Ready();
        await t.Send(Msg("action", "a1", "{'service':'tts','action':'say','arguments':[{'name':'text','value':'hello'},{'name':'interrupt','value':true}]}"));
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'a1','data':{'result':true}}");
    }

    [Theory]
    [InlineData("[]", "missing required argument 'text'")]
    [InlineData("[{'name':'text','value':5}]", "'text' must be a string")]
    [InlineData("[{'name':'text','value':'x'},{'name':'interrupt','value':'yes'}]", "'interrupt' must be a bool")]
    public async Task Binding_errors_name_the_argument(string arguments, string reason)
    {
        await using var t = await Ready();
        await t.Send(Msg("action", "a1", $"{{'service':'tts','action':'say','arguments':{arguments}}}"));
        var error = await t.ExpectType("error-response", "a1");
        Assert.Equal("Invalid message: " + reason, (string?)error["data"]!["error"]);
    }

    [Fact]
    public async Task Raw_argument_map_keeps_everything_and_the_later_duplicate_wins()
    {
        await using var t = await Ready();
        await t.Send(Msg("action", "a1", "{'service':'test','action':'echo','arguments':[{'name':'a','value':1},{'name':'x','value':[true,null]},{'name':'a','value':'two'},{'name':'b','value':null}]}"));
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'a1','data':{'result':{'a':'two','x':[true,null],'b':null}}}");
    }

    [Theory]
    [InlineData("{'service':'test','action':'echo'}")]
    [InlineData("{'service':'test','action':'echo','arguments':null}")]
    [InlineData("{'service':'test','action':'echo','arguments':[]}")]
    public async Task Raw_argument_map_is_empty_without_arguments(string data)
    {
        await using var t = await Ready();
        await t.Send(Msg("action", "a1", data));
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'a1','data':{'result':{}}}");
    }

    [Fact]
    public async Task Unregistered_action_gets_the_protocol_text()
    {
        await using var t = await Ready();
        await t.Send(Msg("action", "a1", "{'service':'llm','action':'foo'}"));
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'a1','data':{'error':'Action llm:foo not registered'}}");
    }

    [Theory]
    [InlineData("{'action':'say'}", "'service' is required")]
    [InlineData("{'service':'tts','action':3}", "'action' must be a string")]
    [InlineData("{'service':'tts','action':'say','arguments':{}}", "'arguments' must be an array")]
    [InlineData("{'service':'tts','action':'say','arguments':[{'value':1}]}", "'arguments[0].name' is required")]
    [InlineData("{'service':'tts','action':'say','arguments':[{'name':'text'}]}", "'arguments[0].value' is required")]
    public async Task Malformed_action_payloads_get_invalid_message(string data, string reason)
    {
        await using var t = await Ready();
        await t.Send(Msg("action", "a1", data));
        var error = await t.ExpectType("error-response", "a1");
        Assert.Equal("Invalid message: " + reason, (string?)error["data"]!["error"]);
    }

    [Fact]
    public async Task A_throwing_action_gets_a_generic_error_and_later_actions_still_run()
    {
        await using var t = await Ready();
        await t.Send(Msg("action", "a1", "{'service':'test','action':'fail'}"));
        await t.Send(Msg("action", "a2", "{'service':'tts','action':'say','arguments':[{'name':'text','value':'x'}]}"));
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'a1','data':{'error':'Error processing request'}}");
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'a2','data':{'result':true}}");
    }

    [Fact]
    public async Task A_slow_action_does_not_block_control_messages()
    {
        await using var t = await Ready();
        await t.Send(Msg("action", "slow", "{'service':'test','action':'slow','arguments':[{'name':'ms','value':300}]}"));
        await t.Send(Msg("get-config", "g1", "{}"));
        await t.ExpectType("config", "g1");
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'slow','data':{'result':300}}");
    }

    [Fact]
    public async Task Actions_run_one_at_a_time_in_arrival_order()
    {
        await using var t = await Ready();
        await t.Send(Msg("action", "a1", "{'service':'test','action':'slow','arguments':[{'name':'ms','value':200}]}"));
        await t.Send(Msg("action", "a2", "{'service':'test','action':'slow','arguments':[{'name':'ms','value':0}]}"));
        await t.ExpectType("action-response", "a1");
        await t.ExpectType("action-response", "a2");
    }

    [Fact]
    public async Task Results_of_every_wire_type_are_written()
    {
        var registry = new RtviRegistryBuilder()
            .AddAction("r", "n", [], RtviWireType.Number, (_, _, _) => ValueTask.FromResult(RtviResult.FromDecimal(1.25m)))
            .AddAction("r", "i", [], RtviWireType.Number, (_, _, _) => ValueTask.FromResult(RtviResult.FromInt64(long.MaxValue)))
            .AddAction("r", "s", [], RtviWireType.String, (_, _, _) => ValueTask.FromResult(RtviResult.FromString("é\"")))
            .AddAction("r", "a", [], RtviWireType.Array, (_, _, _) => ValueTask.FromResult(RtviResult.FromUtf8Json("[1,{\"k\":2}]"u8.ToArray())))
            .AddAction("r", "none", [], RtviWireType.Object, (_, _, _) => ValueTask.FromResult(RtviResult.None))
            .Build();
        await using var t = Start(registry, new RtviServerOptions { Mode = RtviProtocolMode.V0_3 });
        await t.Handshake();
        foreach (var (name, result) in new[] { ("n", "{'result':1.25}"), ("i", "{'result':9223372036854775807}"), ("s", "{'result':'é\\\"'}"), ("a", "{'result':[1,{'k':2}]}"), ("none", "{}") })
        {
            await t.Send(Msg("action", name, $"{{'service':'r','action':'{name}'}}"));
            await t.Expect($"{{'label':'rtvi-ai','type':'action-response','id':'{name}','data':{result}}}");
        }
    }

    [Fact]
    public async Task Escaped_service_action_and_argument_names_are_read_as_their_text()
    {
        await using var t = await Ready();
        await t.Send(Msg("action", "a1", "{'service':'\\u0074ts','action':'s\\u0061y','arguments':[{'name':'t\\u0065xt','value':'hi'}]}"));
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'a1','data':{'result':true}}");
        await t.Send(Msg("action", "a2", "{'service':'ll\\u006d','action':'foo'}"));
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'a2','data':{'error':'Action llm:foo not registered'}}");
    }

    [Fact]
    public async Task Names_longer_than_the_stack_key_are_still_looked_up()
    {
        var service = new string('s', 200);
        var action = new string('a', 200);
        var registry = new RtviRegistryBuilder()
            .AddAction(service, action, [], RtviWireType.Number, (_, _, _) => ValueTask.FromResult(RtviResult.FromInt64(7)))
            .Build();
        await using var t = Start(registry, new RtviServerOptions { Mode = RtviProtocolMode.V0_3 });
        await t.Handshake();
        await t.Send(Msg("action", "a1", $"{{'service':'{service}','action':'{action}'}}"));
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'a1','data':{'result':7}}");
    }

    [Fact]
    public async Task Arguments_are_released_once_the_handler_is_done_and_a_clone_outlives_them()
    {
        var kept = new TaskCompletionSource<(RtviArguments Arguments, System.Text.Json.JsonElement Clone)>();
        var registry = new RtviRegistryBuilder()
            .AddAction("keep", "it", [], RtviWireType.Bool, (_, arguments, _) =>
            {
                arguments.TryGetValue("v", out var value);
                kept.SetResult((arguments, value.Clone()));
                return ValueTask.FromResult(RtviResult.FromBoolean(true));
            })
            .Build();
        await using var t = Start(registry, new RtviServerOptions { Mode = RtviProtocolMode.V0_3 });
        await t.Handshake();
        await t.Send(Msg("action", "a1", "{'service':'keep','action':'it','arguments':[{'name':'v','value':{'deep':[1,2]}}]}"));
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'a1','data':{'result':true}}");
        var (arguments, clone) = await kept.Task;
        // The request's document went back to the pool with the answer: what was not copied is gone.
        Assert.Throws<ObjectDisposedException>(() => arguments.TryGetValue("v", out _));
        Assert.Equal("{\"deep\":[1,2]}", clone.GetRawText());
    }

    [Fact]
    public async Task A_handler_can_choose_its_error_text()
    {
        var registry = new RtviRegistryBuilder()
            .AddAction("r", "x", [], RtviWireType.Bool, (_, _, _) => throw new RtviRequestException("city not found"))
            .Build();
        await using var t = Start(registry, new RtviServerOptions { Mode = RtviProtocolMode.V0_3 });
        await t.Handshake();
        await t.Send(Msg("action", "a1", "{'service':'r','action':'x'}"));
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'a1','data':{'error':'city not found'}}");
    }
}
