using System.Text.Json;
using Rtvi.Sessions;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Reliability;

/// <summary>Shared state under concurrent use: config snapshots, the function-call limit, results checked against their call.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Config_snapshots_taken_while_values_are_added_never_see_a_half_written_store()
    {
        var config = new ConfigState([]);
        var value = JsonDocument.Parse("1").RootElement;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var snapshots = 0;
            while (!stop.IsCancellationRequested)
            {
                _ = config.Snapshot();
                snapshots++;
            }
            return snapshots;
        });
        await Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                config.Set("service-" + (i % 200), "option-" + i, value);
            }
        });
        await stop.CancelAsync();
        Assert.True(await reader > 0);
        Assert.Equal(20_000, config.Snapshot().Sum(s => s.Options.Count));
    }

    [Fact]
    public async Task GetConfig_from_another_thread_during_update_configs_is_consistent()
    {
        await using var t = Fixture(RtviProtocolMode.V0_3);
        await t.Handshake();
        var session = t.ServerSession!;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Assert.All(session.GetConfig(), service => Assert.NotNull(service.Options));
            }
        });
        for (var i = 0; i < 200; i++)
        {
            await t.Send(Msg("update-config", "u" + i, $"{{'config':[{{'service':'stt','options':[{{'name':'language','value':'l{i}'}}]}},{{'service':'llm','options':[{{'name':'temperature','value':{i}}}]}}]}}"));
            await t.ExpectType("config", "u" + i);
        }
        await stop.CancelAsync();
        await reader;
    }

    [Fact]
    public async Task The_pending_function_call_limit_holds_under_simultaneous_calls()
    {
        const int limit = 4;
        const int callers = 32;
        var outcomes = new TaskCompletionSource<(int Registered, int Refused)>();
        var registry = new RtviRegistryBuilder().AddClientMessage("race", (c, d, ct) =>
        {
            // Dedicated threads released together by a barrier: every caller checks the limit at the same moment.
            using var start = new Barrier(callers);
            var refused = 0;
            var threads = Enumerable.Range(0, callers).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                // A refused call fails before it sends anything: its task is already faulted when it returns.
                var call = c.Session.CallClientFunctionAsync("f", "call-" + i, default, TimeSpan.FromSeconds(30), ct);
                if (call.IsFaulted && call.Exception!.InnerException is InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                }
            })).ToList();
            threads.ForEach(thread => thread.Start());
            threads.ForEach(thread => thread.Join());
            outcomes.SetResult((c.Session.PendingFunctionCalls, refused));
            return ValueTask.FromResult(RtviResult.None);
        }).Build();
        var options = new RtviServerOptions { Mode = RtviProtocolMode.V2 };
        options.Limits.MaxPendingFunctionCalls = limit;
        await using var t = Start(registry, options);
        await t.Handshake("2.1.0");
        await t.Send(Msg("client-message", "m1", "{'t':'race'}"));
        var (registered, refusedCount) = await outcomes.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(limit, registered);
        Assert.Equal(callers - limit, refusedCount);
    }

    [Fact]
    public async Task A_result_whose_function_name_differs_from_the_pending_call_is_refused_and_the_call_stays_pending()
    {
        var result = new TaskCompletionSource<string>();
        var registry = new RtviRegistryBuilder().AddClientMessage("call", async (c, _, ct) =>
        {
            var answer = await c.Session.CallClientFunctionAsync("get_weather", "t1", default, TimeSpan.FromSeconds(10), ct);
            result.SetResult(answer.GetRawText());
            return RtviResult.None;
        }).Build();
        await using var t = Start(registry, new RtviServerOptions { Mode = RtviProtocolMode.V2 });
        await t.Handshake("2.1.0");
        await t.Send(Msg("client-message", "m1", "{'t':'call'}"));
        await t.ExpectType("llm-function-call-started");
        await t.ExpectType("llm-function-call-in-progress");
        await t.Send(Msg("llm-function-call-result", "r1", "{'function_name':'delete_everything','tool_call_id':'t1','arguments':{},'result':'x'}"));
        var refusal = await t.ExpectType("error-response", "r1");
        Assert.Equal("Invalid message: function_name does not match the pending call", (string?)refusal["data"]!["error"]);
        await t.Send(Msg("llm-function-call-result", "r2", "{'function_name':'get_weather','tool_call_id':'t1','arguments':{},'result':'sunny'}"));
        await t.ExpectType("llm-function-call-stopped");
        await t.ExpectType("server-response", "m1");
        Assert.Equal("\"sunny\"", await result.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_huge_version_string_is_refused_as_a_format_error_with_a_bounded_echo()
    {
        await using var t = Fixture(RtviProtocolMode.V2);
        await t.Send(Msg("client-ready", "c1", "{'version':'" + string.Concat(Enumerable.Repeat("1.", 50_000)) + "1'}"));
        var error = await t.ExpectType("error-response", "c1");
        var text = (string)error["data"]!["error"]!;
        Assert.StartsWith("Invalid client version format (", text, StringComparison.Ordinal);
        Assert.InRange(text.Length, 0, 200);
        await t.ExpectType("bot-ready", "c1");
    }
}
