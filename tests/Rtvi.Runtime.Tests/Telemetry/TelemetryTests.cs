using System.Diagnostics;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Telemetry;

/// <summary>
/// The "Rtvi" meter and activity source, observed over one scripted session on the in-memory transport: handshake,
/// update-config, a good action, a throwing action, an unregistered action, an unknown type, a relayed function call
/// and disconnect-bot.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests
{
    private const string Secret = "secret-client-text";

    private static RtviRegistry Registry() => new RtviRegistryBuilder()
        .AddService("llm")
        .AddOption("llm", "model", RtviWireType.String, static _ => static (_, _) => default)
        .AddAction("llm", "run", [], RtviWireType.String, static (_, _, _) => new(RtviResult.FromString("ok")))
        .AddAction("llm", "fail", [], RtviWireType.String, static (_, _, _) => throw new InvalidOperationException("handler detail"))
        .AddAction("llm", "call", [], RtviWireType.Object, static async (context, _, ct) =>
            RtviResult.FromElement(await context.Session.CallClientFunctionAsync("get_weather", "call-1", default, null, ct)))
        .Build();

    private static async Task<TelemetryRecorder> RunScriptAsync()
    {
        var recorder = new TelemetryRecorder();
        await using var t = Start(Registry());
        await t.Handshake();
        await t.Send(Msg("update-config", "u1", "{'config':[{'service':'llm','options':[{'name':'model','value':'" + Secret + "'}]}]}"));
        await t.ExpectType("config", "u1");
        await t.Send(Msg("action", "a1", "{'service':'llm','action':'run'}"));
        await t.ExpectType("action-response", "a1");
        await t.Send(Msg("action", "a2", "{'service':'llm','action':'fail'}"));
        await t.ExpectType("error-response", "a2");
        await t.Send(Msg("action", "a3", "{'service':'llm','action':'" + Secret + "'}"));
        await t.ExpectType("error-response", "a3");
        await t.Send(Msg(Secret, "x1", "{}"));
        await t.ExpectType("error-response", "x1");
        await t.Send(Msg("action", "a4", "{'service':'llm','action':'call'}"));
        await t.ExpectType("llm-function-call");
        await t.Send(Msg("llm-function-call-result", "r1", "{'function_name':'get_weather','tool_call_id':'call-1','arguments':{},'result':{'sky':'clear'}}"));
        await t.ExpectType("action-response", "a4");
        await t.Send(Msg("disconnect-bot", "d1"));
        await t.Session.WaitAsync(TimeSpan.FromSeconds(10));
        return recorder;
    }

    [Fact]
    public async Task A_session_is_counted_started_active_and_ended_by_reason()
    {
        using var recorder = await RunScriptAsync();

        Assert.Equal(1, recorder.Sum("rtvi.session.started"));
        Assert.Equal(0, recorder.Sum("rtvi.session.active"));
        Assert.Equal(1, recorder.Sum("rtvi.session.ended", "rtvi.session.end_reason", "client_disconnected"));
        Assert.Single(recorder.Of("rtvi.session.duration"), m => m.Tag("rtvi.session.end_reason") == "client_disconnected");
    }

    [Fact]
    public async Task Messages_in_and_out_are_counted_by_type_and_unknown_types_as_other()
    {
        using var recorder = await RunScriptAsync();

        Assert.Equal(4, recorder.Sum("rtvi.message.received", "rtvi.message.type", "action"));
        Assert.Equal(1, recorder.Sum("rtvi.message.received", "rtvi.message.type", "_OTHER"));
        Assert.Equal(1, recorder.Sum("rtvi.message.received", "rtvi.message.type", "llm-function-call-result"));
        Assert.Equal(1, recorder.Sum("rtvi.message.sent", "rtvi.message.type", "bot-ready"));
        Assert.Equal(2, recorder.Sum("rtvi.message.sent", "rtvi.message.type", "action-response"));
        Assert.Equal(3, recorder.Sum("rtvi.message.sent", "rtvi.message.type", "error-response"));
    }

    [Fact]
    public async Task Errors_are_counted_by_fixed_kind()
    {
        using var recorder = await RunScriptAsync();

        Assert.Equal(1, recorder.Sum("rtvi.error.sent", "error.type", "handler_failed"));
        Assert.Equal(1, recorder.Sum("rtvi.error.sent", "error.type", "action_not_registered"));
        Assert.Equal(1, recorder.Sum("rtvi.error.sent", "error.type", "unsupported_type"));
    }

    [Fact]
    public async Task Client_text_never_becomes_an_attribute()
    {
        using var recorder = await RunScriptAsync();

        var values = recorder.Measurements.SelectMany(m => m.Tags.Values)
            .Concat(recorder.Spans.SelectMany(s => s.TagObjects.Select(t => t.Value)))
            .Concat(recorder.Spans.Select(s => s.DisplayName));
        Assert.DoesNotContain(values, v => v?.ToString()?.Contains(Secret, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Handler_durations_are_recorded_by_registered_name_and_failure()
    {
        using var recorder = await RunScriptAsync();

        var durations = recorder.Of("rtvi.handler.duration").ToList();
        Assert.Single(durations, m => m.Tag("rtvi.handler.kind") == "action" && m.Tag("rtvi.handler.name") == "llm:run" && m.Tag("error.type") is null);
        Assert.Single(durations, m => m.Tag("rtvi.handler.name") == "llm:fail" && m.Tag("error.type") == typeof(InvalidOperationException).FullName);
        Assert.Single(durations, m => m.Tag("rtvi.handler.kind") == "option" && m.Tag("rtvi.handler.name") == "llm:model");
        Assert.All(durations, m => Assert.True(m.Value >= 0));
    }

    [Fact]
    public async Task Function_call_outcomes_are_counted()
    {
        using var recorder = await RunScriptAsync();

        Assert.Equal(1, recorder.Sum("rtvi.function_call.settled", "rtvi.function_call.outcome", "result"));
        Assert.Single(recorder.Of("rtvi.function_call.duration"));
    }

    [Fact]
    public async Task A_timed_out_function_call_is_counted_as_timeout()
    {
        using var recorder = new TelemetryRecorder();
        await using var t = Start(Registry());
        var session = await StartedSessionAsync(t);
        await Assert.ThrowsAsync<RtviFunctionCallTimeoutException>(() =>
            session.CallClientFunctionAsync("get_weather", "call-2", default, TimeSpan.FromMilliseconds(1)));

        Assert.Equal(1, recorder.Sum("rtvi.function_call.settled", "rtvi.function_call.outcome", "timeout"));
    }

    [Fact]
    public async Task The_outbox_gauge_reports_bytes_over_running_sessions()
    {
        using var recorder = new TelemetryRecorder();
        await using var t = Start(Registry());
        await StartedSessionAsync(t);

        recorder.Observe();

        Assert.Contains(recorder.Of("rtvi.outbox.size"), m => m.Value >= 0);
    }

    [Fact]
    public async Task Request_spans_are_children_of_the_session_span()
    {
        using var recorder = await RunScriptAsync();

        var session = Assert.Single(recorder.Spans, s => s.OperationName == "rtvi.session");
        Assert.Equal(recorder.Root.SpanId, session.ParentSpanId);
        Assert.Equal("client_disconnected", session.GetTagItem("rtvi.session.end_reason"));
        var run = Assert.Single(recorder.Spans, s => s.OperationName == "action llm:run");
        Assert.Equal(session.SpanId, run.ParentSpanId);
        Assert.Equal("action", run.GetTagItem("rtvi.message.type"));
        Assert.Equal("llm:run", run.GetTagItem("rtvi.handler.name"));
        Assert.Contains(recorder.Spans, s => s.OperationName == "option llm:model" && s.ParentSpanId == session.SpanId);
        Assert.Contains(recorder.Spans, s => s.OperationName == "function-call get_weather");
    }

    [Fact]
    public async Task A_failing_handler_span_has_error_status_and_an_exception_event()
    {
        using var recorder = await RunScriptAsync();

        var fail = Assert.Single(recorder.Spans, s => s.OperationName == "action llm:fail");
        Assert.Equal(ActivityStatusCode.Error, fail.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, fail.GetTagItem("error.type"));
        Assert.Contains(fail.Events, e => e.Name == "exception");
    }

    private static async Task<RtviSession> StartedSessionAsync(Transcript t)
    {
        await t.Handshake();
        return await t.Started;
    }
}
