using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Protocol;

/// <summary><see cref="RtviActionContext.RunAfterAnswer"/>: work that follows an action's answer, never one that failed.</summary>
public sealed class RunAfterAnswerTests
{
    private static Transcript Start(Action<RtviActionContext> handler, RtviProtocolMode mode = RtviProtocolMode.Auto)
    {
        var registry = new RtviRegistryBuilder()
            .AddAction("bot", "story", [], RtviWireType.Bool, (context, _, _) =>
            {
                handler(context);
                return new(RtviResult.FromBoolean(true));
            })
            .AddAction("bot", "fails", [], RtviWireType.Bool, (context, _, _) =>
            {
                handler(context);
                throw new RtviRequestException("no story today");
            })
            .Build();
        return Transcript.Start(registry, new RtviServerOptions { Mode = mode });
    }

    [Fact]
    public async Task Work_runs_after_the_action_response_is_queued_in_the_order_given()
    {
        await using var t = Start(context =>
        {
            context.RunAfterAnswer(() => _ = context.Session.SendErrorAsync("first"));
            context.RunAfterAnswer(() => _ = context.Session.SendErrorAsync("second"));
        });
        await t.Handshake();

        await t.Send(Msg("action", "a1", "{'service':'bot','action':'story'}"));

        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'a1','data':{'result':true}}");
        await t.Expect("{'label':'rtvi-ai','type':'error','data':{'error':'first','fatal':false}}");
        await t.Expect("{'label':'rtvi-ai','type':'error','data':{'error':'second','fatal':false}}");
    }

    [Fact]
    public async Task A_2x_client_message_to_the_action_gets_its_server_response_first()
    {
        await using var t = Start(context => context.RunAfterAnswer(() => _ = context.Session.SendErrorAsync("after")));
        await t.Handshake("2.1.0");

        await t.Send(Msg("client-message", "m1", "{'t':'bot:story','d':{}}"));

        await t.Expect("{'label':'rtvi-ai','type':'server-response','id':'m1','data':{'t':'bot:story','d':true}}");
        await t.Expect("{'label':'rtvi-ai','type':'error','data':{'error':'after','fatal':false}}");
    }

    [Fact]
    public async Task Work_of_a_failed_action_never_runs_and_a_throwing_work_is_contained()
    {
        var ran = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var t = Start(context => context.RunAfterAnswer(() =>
        {
            ran.Enqueue(context.RequestId!);
            if (context.RequestId == "a3")
            {
                last.SetResult();
            }
            throw new InvalidOperationException("work failed");
        }));
        await t.Handshake();

        await t.Send(Msg("action", "a1", "{'service':'bot','action':'fails'}"));
        await t.Send(Msg("action", "a2", "{'service':'bot','action':'story'}"));
        await t.Send(Msg("action", "a3", "{'service':'bot','action':'story'}"));

        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'a1','data':{'error':'no story today'}}");
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'a2','data':{'result':true}}");
        await t.Expect("{'label':'rtvi-ai','type':'action-response','id':'a3','data':{'result':true}}");
        await last.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["a2", "a3"], ran);
    }
}
