using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Protocol;

public sealed class EnvelopeTests
{
    [Theory]
    [InlineData("not json")]
    [InlineData("{\"label\":\"rtvi-ai\",")]
    [InlineData("{} trailing")]
    public async Task Malformed_JSON_gets_an_error_event_and_the_session_goes_on(string text)
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Send(text);
        await t.Expect("{'label':'rtvi-ai','type':'error','data':{'error':'Invalid RTVI transport message: malformed JSON','fatal':false}}");
        await t.Handshake();
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("\"rtvi-ai\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{\"label\":\"other\",\"type\":\"client-ready\",\"id\":\"x\"}")]
    [InlineData("{\"type\":\"client-ready\",\"id\":\"x\"}")]
    [InlineData("{\"label\":7,\"type\":\"client-ready\",\"id\":\"x\"}")]
    public async Task Non_objects_and_foreign_labels_are_ignored_silently(string text)
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Send(text);
        await t.ExpectQuiet();
    }

    [Theory]
    [InlineData("{'label':'rtvi-ai','type':'get-config','data':{}}", "'id' is required")]
    [InlineData("{'label':'rtvi-ai','type':'get-config','id':7}", "'id' must be a string")]
    [InlineData("{'label':'rtvi-ai','id':'x'}", "'type' is required")]
    [InlineData("{'label':'rtvi-ai','type':null,'id':'x'}", "'type' must be a string")]
    [InlineData("{'label':'rtvi-ai','type':'get-config','id':'x','data':[1]}", "'data' must be an object")]
    [InlineData("{'label':'rtvi-ai','type':'get-config','id':'x','data':'s'}", "'data' must be an object")]
    public async Task Bad_envelopes_get_an_error_event_without_id(string message, string problem)
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Send(Quote(message));
        var error = await t.ExpectType("error");
        Assert.Null(error["id"]);
        Assert.Equal("Invalid RTVI transport message: " + problem, (string?)error["data"]!["error"]);
        Assert.False((bool)error["data"]!["fatal"]!);
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task Null_data_and_extra_members_are_accepted()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Send(Quote("{'label':'rtvi-ai','type':'get-config','id':'g1','data':null,'extra':{'x':[1]}}"));
        await t.ExpectType("config", "g1");
    }

    [Fact]
    public async Task Unknown_types_get_unsupported_type()
    {
        await using var t = Fixture(RtviProtocolMode.Auto);
        await t.Send(Msg("frobnicate", "f1", "{}"));
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'f1','data':{'error':'Unsupported type frobnicate'}}");
    }

    [Theory]
    [InlineData("describe-config")]
    [InlineData("describe-actions")]
    [InlineData("get-config")]
    [InlineData("update-config")]
    [InlineData("action")]
    public async Task V2_mode_rejects_0_3_types(string type)
    {
        await using var t = Fixture(RtviProtocolMode.V2);
        await t.Handshake("2.1.0");
        await t.Send(Msg(type, "x1", "{}"));
        await t.Expect($"{{'label':'rtvi-ai','type':'error-response','id':'x1','data':{{'error':'Unsupported type {type}'}}}}");
    }

    [Theory]
    [InlineData("client-message")]
    [InlineData("send-text")]
    [InlineData("append-to-context")]
    [InlineData("dtmf")]
    [InlineData("ui-event")]
    [InlineData("ui-snapshot")]
    [InlineData("ui-cancel-job-group")]
    public async Task V0_3_mode_rejects_1x_and_2x_types(string type)
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Handshake();
        await t.Send(Msg(type, "x1", "{}"));
        await t.Expect($"{{'label':'rtvi-ai','type':'error-response','id':'x1','data':{{'error':'Unsupported type {type}'}}}}");
    }

    [Fact]
    public async Task Auto_mode_serves_0_3_types_to_a_2x_client()
    {
        await using var t = Fixture(RtviProtocolMode.Auto);
        await t.Handshake("2.1.0");
        await t.Send(Msg("get-config", "g1", "{}"));
        await t.ExpectType("config", "g1");
    }

    [Fact]
    public async Task Long_unknown_type_names_are_truncated_in_the_error()
    {
        await using var t = Fixture(RtviProtocolMode.Auto);
        var type = new string('x', 500);
        await t.Send(Msg(type, "f1", "{}"));
        var error = (string?)(await t.ExpectType("error-response", "f1"))["data"]!["error"];
        Assert.True(error!.Length < 100);
    }

    [Fact]
    public async Task Duplicate_ids_are_each_answered()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Handshake();
        await t.Send(Msg("get-config", "same", "{}"));
        await t.Send(Msg("describe-config", "same", "{}"));
        await t.ExpectType("config", "same");
        await t.ExpectType("config-available", "same");
    }

    [Fact]
    public async Task Empty_id_is_echoed()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Handshake();
        await t.Send(Msg("action", "", "{'service':'tts','action':'say','arguments':[{'name':'text','value':'x'}]}"));
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'','data':{'result':true}}");
    }

    [Fact]
    public async Task Disconnect_bot_ends_the_session_without_a_reply()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Handshake();
        await t.Send(Msg("disconnect-bot", "d1", "{}"));
        await t.ExpectClosed();
        Assert.True(t.Connection.IsClosedByServer);
    }
}
