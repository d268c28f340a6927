using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Protocol;

public sealed class LimitsTests
{
    [Fact]
    public async Task An_oversized_message_gets_an_error_event_and_the_session_goes_on()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3, o => o.Limits.MaxMessageBytes = 1024);
        await t.Send(Msg("action", "big", "{'service':'test','action':'echo','arguments':[{'name':'a','value':'" + new string('x', 2000) + "'}]}"));
        await t.Expect("{'label':'rtvi-ai','type':'error','data':{'error':'Invalid RTVI transport message: message too large','fatal':false}}");
        await t.Handshake();
    }

    [Fact]
    public async Task Held_requests_beyond_the_limit_are_refused()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3, o =>
        {
            o.AutoBotReady = false;
            o.Limits.MaxHeldRequests = 2;
        });
        for (var i = 0; i < 3; i++)
        {
            await t.Send(Msg("action", "a" + i, "{'service':'test','action':'echo'}"));
        }
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'a2','data':{'error':'Too many pending requests'}}");
    }

    [Fact]
    public async Task Actions_beyond_the_queue_limit_are_refused_and_the_rest_answered()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3, o => o.Limits.MaxPendingActions = 2);
        await t.Handshake();
        await t.Send(Msg("action", "slow", "{'service':'test','action':'slow','arguments':[{'name':'ms','value':300}]}"));
        for (var i = 0; i < 4; i++)
        {
            await t.Send(Msg("action", "a" + i, "{'service':'test','action':'echo'}"));
        }
        var answers = new List<(string? Type, string? Id)>();
        for (var i = 0; i < 5; i++)
        {
            var m = await t.Receive();
            answers.Add(((string?)m["type"], (string?)m["id"]));
        }
        Assert.Equal(5, answers.Select(a => a.Id).Distinct().Count());
        Assert.Contains(("error-response", "a3"), answers);
        Assert.Contains(("action-response", "slow"), answers);
    }

    [Fact]
    public async Task A_flood_of_requests_is_answered_exactly_once_each_in_order()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Handshake();
        const int count = 2000;
        for (var i = 0; i < count; i++)
        {
            await t.Send(Msg(i % 2 == 0 ? "get-config" : "describe-config", "q" + i, "{}"));
        }
        for (var i = 0; i < count; i++)
        {
            await t.ExpectType(i % 2 == 0 ? "config" : "config-available", "q" + i);
        }
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task Deeply_nested_JSON_is_rejected_without_crashing()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        var deep = new string('[', 5000) + new string(']', 5000);
        await t.Send("{\"label\":\"rtvi-ai\",\"type\":\"get-config\",\"id\":\"d\",\"data\":{\"x\":" + deep + "}}");
        await t.ExpectType("error");
        await t.Handshake();
    }

    [Fact]
    public async Task Queued_actions_are_still_answered_when_the_client_stops_sending()
    {
        var t = Fixture(RtviProtocolMode.V0_3);
        await t.Handshake();
        await t.Send(Msg("action", "a1", "{'service':'test','action':'slow','arguments':[{'name':'ms','value':100}]}"));
        t.Connection.ClientClose();
        await t.ExpectType("action-response", "a1");
        await t.ExpectClosed();
        await t.DisposeAsync();
    }
}
