using Rtvi.Protocol;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Protocol;

/// <summary>Client-message handlers that answer later, and the fallback handler of unregistered <c>t</c> values.</summary>
public sealed class DeferredClientMessageTests
{
    private static async Task<Transcript> Ready(Action<RtviRegistryBuilder> register)
    {
        var registry = new RtviRegistryBuilder();
        register(registry);
        var t = Start(registry.Build());
        await t.Handshake("2.1.0");
        return t;
    }

    private static RtviClientMessageHandler Echo => static (_, d, _) => ValueTask.FromResult(RtviResult.FromElement(d));

    [Fact]
    public async Task A_deferred_answer_is_sent_when_the_app_responds_and_later_requests_are_not_held_up()
    {
        var deferred = new TaskCompletionSource<RtviDeferredResponse>();
        await using var t = await Ready(r => r
            .AddClientMessage("slow", (context, _, _) =>
            {
                deferred.SetResult(context.Defer());
                return ValueTask.FromResult(RtviResult.None);
            })
            .AddClientMessage("echo", Echo));

        await t.Send(Msg("client-message", "m1", "{'t':'slow','d':{}}"));
        await t.Send(Msg("client-message", "m2", "{'t':'echo','d':2}"));
        await t.Expect("{'label':'rtvi-ai','type':'server-response','id':'m2','data':{'t':'echo','d':2}}");
        var answer = await deferred.Task;
        Assert.True(await answer.RespondAsync(RtviResult.FromString("done")));
        Assert.False(await answer.FailAsync("too late"));

        await t.Expect("{'label':'rtvi-ai','type':'server-response','id':'m1','data':{'t':'slow','d':'done'}}");
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task A_deferred_answer_can_be_an_error_with_the_app_text()
    {
        var deferred = new TaskCompletionSource<RtviDeferredResponse>();
        await using var t = await Ready(r => r.AddClientMessage("slow", (context, _, _) =>
        {
            deferred.SetResult(context.Defer());
            return ValueTask.FromResult(RtviResult.None);
        }));

        await t.Send(Msg("client-message", "m1", "{'t':'slow'}"));
        await (await deferred.Task).FailAsync("city not found");

        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'m1','data':{'error':'city not found'}}");
    }

    [Fact]
    public async Task An_unanswered_deferred_request_gets_an_error_response_at_its_timeout()
    {
        await using var t = await Ready(r => r.AddClientMessage("never", (context, _, _) =>
        {
            context.Defer(TimeSpan.FromMilliseconds(50));
            return ValueTask.FromResult(RtviResult.None);
        }));

        await t.Send(Msg("client-message", "m1", "{'t':'never'}"));

        await t.Expect($"{{'label':'rtvi-ai','type':'error-response','id':'m1','data':{{'error':'{RtviErrorText.ResponseTimedOut}'}}}}");
    }

    [Fact]
    public async Task A_handler_that_throws_after_deferring_is_answered_once_with_the_fixed_error()
    {
        var deferred = new TaskCompletionSource<RtviDeferredResponse>();
        await using var t = await Ready(r => r.AddClientMessage("bad", (context, _, _) =>
        {
            deferred.SetResult(context.Defer());
            throw new InvalidOperationException("secret detail");
        }));

        await t.Send(Msg("client-message", "m1", "{'t':'bad'}"));

        await t.Expect($"{{'label':'rtvi-ai','type':'error-response','id':'m1','data':{{'error':'{RtviErrorText.HandlerFailed}'}}}}");
        Assert.False(await (await deferred.Task).RespondAsync(RtviResult.FromString("late")));
        await t.ExpectQuiet();
    }

    [Fact]
    public async Task The_fallback_handler_answers_unregistered_types_and_sees_the_type()
    {
        await using var t = await Ready(r => r
            .AddClientMessage("known", Echo)
            .SetClientMessageFallback(static (context, _, _) => ValueTask.FromResult(RtviResult.FromString("fallback for " + context.MessageType))));

        await t.Send(Msg("client-message", "m1", "{'t':'whatever','d':1}"));
        await t.Send(Msg("client-message", "m2", "{'t':'known','d':2}"));

        await t.Expect("{'label':'rtvi-ai','type':'server-response','id':'m1','data':{'t':'whatever','d':'fallback for whatever'}}");
        await t.Expect("{'label':'rtvi-ai','type':'server-response','id':'m2','data':{'t':'known','d':2}}");
    }

    [Fact]
    public async Task Without_a_fallback_an_unregistered_type_is_an_error_response()
    {
        await using var t = await Ready(r => r.AddClientMessage("known", Echo));

        await t.Send(Msg("client-message", "m1", "{'t':'whatever'}"));

        await t.Expect($"{{'label':'rtvi-ai','type':'error-response','id':'m1','data':{{'error':'{RtviErrorText.NoClientMessageHandler("whatever")}'}}}}");
    }
}
