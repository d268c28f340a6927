using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Protocol;

public sealed class ClientMessageTests
{
    private static async Task<Transcript> Ready(RtviProtocolMode mode = RtviProtocolMode.V2)
    {
        var t = Fixture(mode);
        await t.Handshake("2.1.0");
        return t;
    }

    [Fact]
    public async Task Echo_returns_d_in_a_server_response()
    {
        await using var t = await Ready();
        await t.Send(Msg("client-message", "m1", "{'t':'test.echo','d':{'x':[1,'two']}}"));
        await t.Expect("{'label':'rtvi-ai','type':'server-response','id':'m1','data':{'t':'test.echo','d':{'x':[1,'two']}}}");
    }

    [Fact]
    public async Task Echo_without_d_answers_without_d()
    {
        await using var t = await Ready();
        await t.Send(Msg("client-message", "m1", "{'t':'test.echo'}"));
        await t.Expect("{'label':'rtvi-ai','type':'server-response','id':'m1','data':{'t':'test.echo'}}");
    }

    [Fact]
    public async Task A_handler_error_text_reaches_the_client()
    {
        await using var t = await Ready();
        await t.Send(Msg("client-message", "m1", "{'t':'test.fail','d':{}}"));
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'m1','data':{'error':'boom'}}");
    }

    [Fact]
    public async Task Server_message_is_sent_before_the_response()
    {
        await using var t = await Ready();
        await t.Send(Msg("client-message", "m1", "{'t':'test.server_message','d':{'hello':'world'}}"));
        await t.Expect("{'label':'rtvi-ai','type':'server-message','data':{'hello':'world'}}");
        await t.Expect("{'label':'rtvi-ai','type':'server-response','id':'m1','data':{'t':'test.server_message','d':'ok'}}");
    }

    [Fact]
    public async Task Unhandled_type_gets_an_error_response()
    {
        await using var t = await Ready();
        await t.Send(Msg("client-message", "m1", "{'t':'nobody.home','d':1}"));
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'m1','data':{'error':'No handler for client-message type nobody.home'}}");
    }

    [Theory]
    [InlineData("{}", "'t' is required")]
    [InlineData("{'t':5}", "'t' must be a string")]
    public async Task Invalid_client_messages_get_invalid_message(string data, string reason)
    {
        await using var t = await Ready();
        await t.Send(Msg("client-message", "m1", data));
        var error = await t.ExpectType("error-response", "m1");
        Assert.Equal("Invalid message: " + reason, (string?)error["data"]!["error"]);
    }

    [Fact]
    public async Task A_service_action_type_reaches_the_action_with_d_as_arguments()
    {
        await using var t = await Ready(RtviProtocolMode.Auto);
        await t.Send(Msg("client-message", "m1", "{'t':'tts:say','d':{'text':'hi','interrupt':false}}"));
        await t.Expect("{'label':'rtvi-ai','type':'server-response','id':'m1','data':{'t':'tts:say','d':true}}");
        await t.Send(Msg("client-message", "m2", "{'t':'tts:say','d':{}}"));
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'m2','data':{'error':'Invalid message: missing required argument \\u0027text\\u0027'}}");
        await t.Send(Msg("client-message", "m3", "{'t':'tts:say','d':[1]}"));
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'m3','data':{'error':'Invalid message: \\u0027d\\u0027 must be an object of action arguments'}}");
    }

    [Fact]
    public async Task Client_messages_are_held_until_the_bot_is_ready()
    {
        var options = Conformance.ConformanceFixtures.CreateOptions(RtviProtocolMode.V2);
        options.AutoBotReady = false;
        options.Hooks.OnClientReady = static async (s, _, _) =>
        {
            await Task.Yield();
            _ = Task.Run(async () => { await Task.Delay(50); await s.SetBotReadyAsync(); });
        };
        await using var t = Start(Conformance.ConformanceFixtures.CreateRegistry(RtviProtocolMode.V2), options);
        await t.Send(Msg("client-ready", "c1", "{'version':'2.1.0'}"));
        await t.Send(Msg("client-message", "m1", "{'t':'test.echo','d':1}"));
        await t.ExpectType("bot-ready", "c1");
        await t.ExpectType("server-response", "m1");
    }
}
