using System.Text.Json;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Reliability;

/// <summary>
/// Readiness has one owner: a call from any thread, or from code the dispatcher runs inline, becomes ready without
/// waiting for the dispatcher that waits for it; bot-ready always precedes the answers to held requests.
/// </summary>
public sealed class ReadinessTests
{
    public static TheoryData<Wire> All => Wires.All;

    [Theory]
    [MemberData(nameof(All))]
    public async Task SetBotReady_from_an_unrelated_thread_while_OnClientReady_runs_answers_held_requests_without_another_message(Wire wire)
    {
        var background = new TaskCompletionSource<Task>();
        await using var server = await ReliabilityServer.StartAsync(wire, o =>
        {
            o.AutoBotReady = false;
            o.Hooks.OnClientReady = async (session, _, _) =>
            {
                // A thread that does not flow from the hook (a timer, another session): it must post, not run inline.
                using (ExecutionContext.SuppressFlow())
                {
                    var posted = new TaskCompletionSource();
                    background.SetResult(Task.Run(async () =>
                    {
                        var ready = session.SetBotReadyAsync();
                        posted.SetResult();
                        await ready;
                    }));
                    await posted.Task;
                }
                Assert.False(session.IsBotReady);
            };
        });
        await using var client = await server.Connect();
        await client.Send(Msg("client-ready", "c1", "{}"));
        await client.Send(Msg("action", "a1", "{'service':'tts','action':'say','arguments':[{'name':'text','value':'hi'}]}"));
        await client.ExpectType("bot-ready", "c1");
        await client.Expect("{'label':'rtvi-ai','type':'action-response','id':'a1','data':{'result':true}}");
        await (await background.Task).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task SetBotReady_from_the_audio_hook_does_not_deadlock(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire, o =>
        {
            o.AutoBotReady = false;
            o.Hooks.OnAudio = (session, _, ct) => session.SetBotReadyAsync(ct);
        });
        await using var client = await server.Connect();
        await client.Send(Msg("client-ready", "c1", "{}"));
        await client.Send(Msg("raw-audio", "au1", "{'base64Audio':'AAAA','sampleRate':16000,'numChannels':1}"));
        await client.ExpectType("bot-ready", "c1");
        await client.ExpectAlive("p1");
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task SetBotReady_from_the_interruption_hook_does_not_deadlock(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire, o =>
        {
            o.AutoBotReady = false;
            o.Hooks.OnInterrupted = (session, ct) => session.SetBotReadyAsync(ct);
            o.Hooks.OnClientReady = (session, _, ct) => session.InterruptAsync(ct);
        });
        await using var client = await server.Connect();
        await client.Send(Msg("client-ready", "c1", "{}"));
        await client.ExpectType("bot-ready", "c1");
        await client.ExpectAlive("p1");
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task SetBotReady_from_an_option_handler_applying_the_initial_config_does_not_deadlock(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(
            wire,
            o =>
            {
                o.AutoBotReady = false;
                o.InitialConfig = [new RtviServiceConfig("ready", [RtviOptionValue.Of("go", true)])];
                o.Hooks.OnClientReady = (session, _, ct) => session.SetBotReadyAsync(ct);
            },
            r => r.AddOption("ready", "go", RtviWireType.Bool, static _ => static (context, ct) => context.Session.SetBotReadyAsync(ct)));
        await using var client = await server.Connect();
        await client.Send(Msg("client-ready", "c1", "{}"));
        await client.ExpectType("bot-ready", "c1");
        await client.ExpectAlive("p1");
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task A_client_function_called_from_OnClientReady_gets_its_result(Wire wire)
    {
        var result = new TaskCompletionSource<string>();
        await using var server = await ReliabilityServer.StartAsync(wire, o => o.Hooks.OnClientReady = async (session, _, ct) =>
        {
            var answer = await session.CallClientFunctionAsync("get_time", "t1", default, TimeSpan.FromSeconds(10), ct);
            result.SetResult(answer.GetRawText());
        });
        await using var client = await server.Connect();
        await client.Send(Msg("client-ready", "c1", "{}"));
        await client.Expect("{'label':'rtvi-ai','type':'llm-function-call','data':{'function_name':'get_time','tool_call_id':'t1','args':{}}}");
        await client.Send(Msg("llm-function-call-result", "r1", "{'function_name':'get_time','tool_call_id':'t1','arguments':{},'result':{'now':'noon'}}"));
        await client.ExpectType("bot-ready", "c1");
        Assert.Equal("{\"now\":\"noon\"}", await result.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task A_client_function_called_from_an_option_handler_gets_its_result(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(
            wire,
            register: r => r.AddOption("tool", "call", RtviWireType.String, static value =>
            {
                var name = value.GetString()!;
                return async (context, ct) =>
                {
                    var answer = await context.Session.CallClientFunctionAsync(name, "t-" + name, default, TimeSpan.FromSeconds(10), ct);
                    Assert.Equal(JsonValueKind.String, answer.ValueKind);
                };
            }));
        await using var client = await server.Connect();
        await client.Handshake();
        await client.Send(Msg("update-config", "u1", "{'config':[{'service':'tool','options':[{'name':'call','value':'lookup'}]}]}"));
        await client.Expect("{'label':'rtvi-ai','type':'llm-function-call','data':{'function_name':'lookup','tool_call_id':'t-lookup','args':{}}}");
        await client.Send(Msg("llm-function-call-result", "r1", "{'function_name':'lookup','tool_call_id':'t-lookup','arguments':{},'result':'found'}"));
        await client.ExpectType("config", "u1");
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Every_client_ready_before_the_bot_is_ready_gets_its_own_bot_ready(Wire wire)
    {
        await using var server = await ReliabilityServer.StartAsync(wire, o => o.AutoBotReady = false);
        await using var client = await server.Connect();
        await client.Send(Msg("client-ready", "c1", "{}"));
        var session = await server.NextStarted();
        await client.Send(Msg("client-ready", "c2", "{}"));
        await client.Send(Msg("describe-actions", "d1", "{}"));
        await client.ExpectType("actions-available", "d1");
        await session.SetBotReadyAsync();
        await client.ExpectType("bot-ready", "c1");
        await client.ExpectType("bot-ready", "c2");
        await client.ExpectAlive("p1");
    }

    [Fact]
    public async Task With_nothing_held_a_client_ready_still_waits_for_its_bot_ready()
    {
        await using var server = await ReliabilityServer.StartAsync(Wire.Ndjson, o =>
        {
            o.AutoBotReady = false;
            o.Limits.MaxHeldRequests = 0;
        });
        await using var client = await server.Connect();
        await client.Send(Msg("client-ready", "c1", "{}"));
        var session = await server.NextStarted();
        await client.Send(Msg("action", "a1", "{'service':'test','action':'echo'}"));
        await client.Expect("{'label':'rtvi-ai','type':'error-response','id':'a1','data':{'error':'Too many pending requests'}}");
        await session.SetBotReadyAsync();
        await client.ExpectType("bot-ready", "c1");
    }
    [Theory]
    [MemberData(nameof(All))]
    public async Task Messages_that_arrive_while_an_inline_hook_awaits_are_answered_after_it_in_arrival_order(Wire wire)
    {
        // The receiver dispatches client-ready itself (nothing is queued); the hook goes async, so the receiver goes back
        // to reading and the dispatch lock stays with the hook until it completes: what arrives meanwhile waits behind it.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ReliabilityServer.StartAsync(wire, o => o.Hooks.OnClientReady = async (_, _, _) =>
        {
            entered.SetResult();
            await gate.Task;
        });
        await using var client = await server.Connect();
        await client.Send(Msg("client-ready", "c1", "{}"));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await client.Send(Msg("get-config", "g1", "{}"));
        await client.Send(Msg("describe-actions", "d1", "{}"));
        await client.Send(Msg("get-config", "g2", "{}"));
        var session = await server.NextStarted();
        // The receiver went on reading: all three wait in the inbox, none was dispatched past the pending hook.
        await Wires.Until(() => session.InboxCount == 3, "the three messages wait in the inbox behind the hook");
        gate.SetResult();
        await client.ExpectType("bot-ready", "c1");
        await client.ExpectType("config", "g1");
        await client.ExpectType("actions-available", "d1");
        await client.ExpectType("config", "g2");
        await client.ExpectAlive("p1");
    }
}
