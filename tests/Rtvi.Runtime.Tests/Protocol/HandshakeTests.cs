using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Protocol;

public sealed class HandshakeTests
{
    private const string F03Config =
        "[{'service':'llm','options':[{'name':'model','value':'m-1'}]},{'service':'tts','options':[{'name':'voice','value':'v-1'}]}]";

    private const string F03Actions =
        "[{'service':'tts','action':'say','arguments':[{'name':'text','type':'string'},{'name':'interrupt','type':'bool'}],'result':'bool'}," +
        "{'service':'test','action':'echo','arguments':[{'name':'a','type':'number'},{'name':'b','type':'object'}],'result':'object'}," +
        "{'service':'test','action':'fail','arguments':[],'result':'bool'}," +
        "{'service':'test','action':'slow','arguments':[{'name':'ms','type':'number'}],'result':'number'}," +
        "{'service':'test','action':'handler_log','arguments':[],'result':'array'}," +
        "{'service':'test','action':'invoke_tool','arguments':[{'name':'function_name','type':'string'},{'name':'tool_call_id','type':'string'},{'name':'args','type':'object'}],'result':'object'}," +
        "{'service':'test','action':'server_message','arguments':[{'name':'payload','type':'object'}],'result':'bool'}]";

    [Fact]
    public async Task V0_3_client_ready_gets_bot_ready_with_version_config_and_actions()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Send(Msg("client-ready", "c1", "{}"));
        await t.Expect($"{{'label':'rtvi-ai','type':'bot-ready','id':'c1','data':{{'version':'0.3.0','config':{F03Config},'actions':{F03Actions}}}}}");
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task V0_3_mode_ignores_a_2x_version_in_client_ready()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        var ready = await t.Handshake("2.1.0");
        Assert.Equal("0.3.0", (string?)ready["data"]!["version"]);
    }

    [Fact]
    public async Task Auto_mode_without_version_speaks_0_3()
    {
        await using var t = Fixture(RtviProtocolMode.Auto);
        await t.Send(Msg("client-ready", "c1"));
        var ready = await t.ExpectType("bot-ready", "c1");
        Assert.Equal("0.3.0", (string?)ready["data"]!["version"]);
        Assert.NotNull(ready["data"]!["config"]);
    }

    [Fact]
    public async Task Auto_mode_2x_client_gets_2_1_bot_ready_with_about_and_no_errors()
    {
        await using var t = Fixture(RtviProtocolMode.Auto);
        await t.Send(Msg("client-ready", "c1", "{'version':'2.1.0','about':{'library':'@pipecat-ai/client-js','library_version':'1.13.1'}}"));
        var ready = await t.ExpectType("bot-ready", "c1");
        Assert.Equal("2.1.0", (string?)ready["data"]!["version"]);
        Assert.Equal("rtvi-dotnet", (string?)ready["data"]!["about"]!["library"]);
        Assert.Null(ready["data"]!["config"]);
        await t.ExpectQuiet();
    }

    [Theory]
    [InlineData("1.4.0", "1.4.0")]
    [InlineData(" 1.02.3", "1.2.3")]
    public async Task Legacy_1x_client_gets_its_own_version_echoed(string sent, string echoed)
    {
        await using var t = Fixture(RtviProtocolMode.V2);
        var ready = await t.Handshake(sent);
        Assert.Equal(echoed, (string?)ready["data"]!["version"]);
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task V2_without_version_sends_unknown_version_error_then_bot_ready()
    {
        await using var t = Fixture(RtviProtocolMode.V2);
        await t.Send(Msg("client-ready", "c1", "{}"));
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'c1','data':{'error':'Client version unknown. Compatibility issues may occur.'}}");
        var ready = await t.ExpectType("bot-ready", "c1");
        Assert.Equal("2.1.0", (string?)ready["data"]!["version"]);
    }

    [Theory]
    [InlineData("junk", "Invalid client version format (junk). Compatibility issues may occur.")]
    [InlineData("2.1", "Invalid client version format (2.1). Compatibility issues may occur.")]
    [InlineData("1.2.3.0", "Invalid client version format (1.2.3.0). Compatibility issues may occur.")]
    [InlineData("3.0.0", "RTVI version 3.0.0 is not compatible with server protocol 2.1.0. Compatibility issues may occur.")]
    [InlineData("0.3.0", "RTVI version 0.3.0 is not compatible with server protocol 2.1.0. Compatibility issues may occur.")]
    public async Task V2_bad_versions_get_the_protocol_error_text_and_the_handshake_continues(string version, string error)
    {
        await using var t = Fixture(RtviProtocolMode.V2);
        await t.Send(Msg("client-ready", "c1", $"{{'version':'{version}'}}"));
        await t.Expect($"{{'label':'rtvi-ai','type':'error-response','id':'c1','data':{{'error':'{error}'}}}}");
        var ready = await t.ExpectType("bot-ready", "c1");
        Assert.Equal("2.1.0", (string?)ready["data"]!["version"]);
    }

    [Fact]
    public async Task V2_non_string_version_counts_as_absent()
    {
        await using var t = Fixture(RtviProtocolMode.V2);
        await t.Send(Msg("client-ready", "c1", "{'version':2}"));
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'c1','data':{'error':'Client version unknown. Compatibility issues may occur.'}}");
        await t.ExpectType("bot-ready", "c1");
    }

    [Fact]
    public async Task Bot_ready_goes_out_before_answers_to_requests_pipelined_behind_client_ready()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Send(Msg("client-ready", "c1", "{}"));
        await t.Send(Msg("action", "a1", "{'service':'tts','action':'say','arguments':[{'name':'text','value':'hi'}]}"));
        await t.Send(Msg("get-config", "g1", "{}"));
        await t.ExpectType("bot-ready", "c1");
        var next = new[] { await t.Receive(), await t.Receive() };
        Assert.Contains(next, m => (string?)m["id"] == "a1" && (string?)m["type"] == "action-response");
        Assert.Contains(next, m => (string?)m["id"] == "g1" && (string?)m["type"] == "config");
    }

    [Fact]
    public async Task Manual_readiness_holds_state_changing_requests_and_answers_introspection_at_once()
    {
        var options = ConformanceFixturesOptions(RtviProtocolMode.V0_3, o => o.AutoBotReady = false);
        RtviSession? session = null;
        options.Hooks.OnClientReady = (s, _, _) =>
        {
            session = s;
            return default;
        };
        await using var t = Start(Conformance.ConformanceFixtures.CreateRegistry(RtviProtocolMode.V0_3), options);
        await t.Send(Msg("client-ready", "c1", "{}"));
        await t.Send(Msg("action", "a1", "{'service':'tts','action':'say','arguments':[{'name':'text','value':'hi'}]}"));
        await t.Send(Msg("describe-config", "d1", "{}"));
        await t.ExpectType("config-available", "d1");
        Assert.NotNull(session);
        Assert.False(session!.IsBotReady);

        await session.SetBotReadyAsync();
        await t.ExpectType("bot-ready", "c1");
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'a1','data':{'result':true}}");
    }

    [Fact]
    public async Task Bot_ready_set_from_the_client_ready_hook_is_sent_once()
    {
        var options = ConformanceFixturesOptions(RtviProtocolMode.V0_3, o => o.AutoBotReady = false);
        options.Hooks.OnClientReady = (s, _, ct) => s.SetBotReadyAsync(ct);
        await using var t = Start(Conformance.ConformanceFixtures.CreateRegistry(RtviProtocolMode.V0_3), options);
        await t.Handshake();
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task Past_the_handshake_deadline_held_requests_and_client_ready_get_bot_not_ready_and_the_session_ends()
    {
        var options = ConformanceFixturesOptions(RtviProtocolMode.V0_3, o =>
        {
            o.AutoBotReady = false;
            o.Limits.HandshakeTimeout = TimeSpan.FromMilliseconds(200);
        });
        await using var t = Start(Conformance.ConformanceFixtures.CreateRegistry(RtviProtocolMode.V0_3), options);
        await t.Send(Msg("client-ready", "c1", "{}"));
        await t.Send(Msg("action", "a1", "{'service':'test','action':'fail'}"));
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'a1','data':{'error':'Bot not ready'}}");
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'c1','data':{'error':'Bot not ready'}}");
        await t.Expect("{'label':'rtvi-ai','type':'error','data':{'error':'Bot not ready','fatal':true}}");
        await t.ExpectClosed();
    }

    [Fact]
    public async Task Without_client_ready_the_deadline_refuses_held_requests_and_ends_the_session()
    {
        var options = ConformanceFixturesOptions(RtviProtocolMode.V0_3, o =>
        {
            o.AutoBotReady = false;
            o.Limits.HandshakeTimeout = TimeSpan.FromMilliseconds(200);
        });
        await using var t = Start(Conformance.ConformanceFixtures.CreateRegistry(RtviProtocolMode.V0_3), options);
        await t.Send(Msg("action", "a1", "{'service':'test','action':'fail'}"));
        await t.Send(Msg("get-config", "g1", "{}"));
        await t.ExpectType("config", "g1");
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'a1','data':{'error':'Bot not ready'}}");
        await t.Expect("{'label':'rtvi-ai','type':'error','data':{'error':'Handshake timed out: no client-ready','fatal':true}}");
        await t.ExpectClosed();
    }

    [Fact]
    public async Task A_silent_connection_is_closed_at_the_handshake_deadline()
    {
        await using var t = Fixture(RtviProtocolMode.Auto, o => o.Limits.HandshakeTimeout = TimeSpan.FromMilliseconds(200));
        await t.Expect("{'label':'rtvi-ai','type':'error','data':{'error':'Handshake timed out: no client-ready','fatal':true}}");
        await t.ExpectClosed();
        Assert.Equal(RtviSessionEndReason.HandshakeTimedOut, t.EndReason);
    }

    [Fact]
    public async Task A_second_client_ready_gets_a_second_bot_ready_with_its_id()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Handshake();
        await t.Send(Msg("client-ready", "c2", "{}"));
        await t.ExpectType("bot-ready", "c2");
    }

    internal static RtviServerOptions ConformanceFixturesOptions(RtviProtocolMode mode, Action<RtviServerOptions> configure)
    {
        var options = Conformance.ConformanceFixtures.CreateOptions(mode);
        configure(options);
        return options;
    }
}
