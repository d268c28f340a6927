using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Rtvi.Protocol;
using Rtvi.Sessions;
using static Rtvi.Protocol.RtviMessageTypes;

namespace Rtvi;

/// <summary>
/// Every metric instrument and span source of the runtime (documented in docs/telemetry.md). Session code calls one
/// method per event; each returns at once when nobody listens. Attributes carry only names the server knows (message
/// types, registered handler names, fixed error kinds), never client text or payloads.
/// </summary>
internal static class RtviTelemetry
{
    /// <summary>Handler kinds (<c>rtvi.handler.kind</c>).</summary>
    public const string ActionKind = "action", ClientMessageKind = "client-message", OptionKind = "option", HookKind = "hook";

    private const string Other = "_OTHER";
    private const string AudioHook = nameof(RtviHooks.OnAudio);

    private static readonly ActivitySource s_source = new(RtviDiagnostics.ActivitySourceName);
    private static readonly Meter s_meter = new(RtviDiagnostics.MeterName);
    private static readonly ConditionalWeakTable<RtviServer, object?> s_servers = [];

    private static readonly UpDownCounter<long> s_activeSessions =
        s_meter.CreateUpDownCounter<long>("rtvi.session.active", "{session}", "Sessions running now.");
    private static readonly Counter<long> s_startedSessions =
        s_meter.CreateCounter<long>("rtvi.session.started", "{session}", "Sessions started.");
    private static readonly Counter<long> s_endedSessions =
        s_meter.CreateCounter<long>("rtvi.session.ended", "{session}", "Sessions ended, by end reason.");
    private static readonly Histogram<double> s_sessionDuration = s_meter.CreateHistogram<double>(
        "rtvi.session.duration", "s", "How long sessions lasted, by end reason.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600] });
    private static readonly Counter<long> s_received =
        s_meter.CreateCounter<long>("rtvi.message.received", "{message}", "RTVI messages received, by type.");
    private static readonly Counter<long> s_sent =
        s_meter.CreateCounter<long>("rtvi.message.sent", "{message}", "RTVI messages written for clients, by type.");
    private static readonly Counter<long> s_errors =
        s_meter.CreateCounter<long>("rtvi.error.sent", "{error}", "error and error-response messages, by kind.");
    private static readonly Histogram<double> s_handlerDuration = s_meter.CreateHistogram<double>(
        "rtvi.handler.duration", "s", "How long handlers and hooks ran, by kind and registered name.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    private static readonly Counter<long> s_functionCalls =
        s_meter.CreateCounter<long>("rtvi.function_call.settled", "{call}", "Function calls relayed to clients, by outcome.");
    private static readonly Histogram<double> s_functionCallDuration = s_meter.CreateHistogram<double>(
        "rtvi.function_call.duration", "s", "How long relayed function calls took, by outcome.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    private static readonly Counter<long> s_audioDropped =
        s_meter.CreateCounter<long>("rtvi.audio.input.dropped", "{frame}", "Inbound audio frames dropped because the session's audio reader fell behind.");

    static RtviTelemetry() =>
        s_meter.CreateObservableGauge("rtvi.outbox.size", ObserveOutboxBytes, "By", "Bytes queued for clients and not yet sent, over all sessions.");

    // ---- sessions --------------------------------------------------------------------------------------------------

    /// <summary>Makes a server's sessions visible to the outbox gauge.</summary>
    public static void Track(RtviServer server) => s_servers.TryAdd(server, null);

    /// <summary>A session started: counted, and its span (the parent of its requests' spans) started.</summary>
    public static Activity? SessionStarted(RtviSession session)
    {
        s_activeSessions.Add(1);
        s_startedSessions.Add(1);
        var activity = s_source.HasListeners() ? s_source.StartActivity("rtvi.session", ActivityKind.Server) : null;
        activity?.SetTag("rtvi.session.id", session.Id);
        return activity;
    }

    /// <summary>A session ended: counted by end reason, its span stopped.</summary>
    public static void SessionEnded(RtviSession session, Activity? activity, long startedAt)
    {
        s_activeSessions.Add(-1);
        var reason = session.EndReason ?? RtviSessionEndReason.ClientClosed;
        if (s_endedSessions.Enabled || s_sessionDuration.Enabled)
        {
            var tag = new KeyValuePair<string, object?>("rtvi.session.end_reason", EndReasonName(reason));
            s_endedSessions.Add(1, tag);
            s_sessionDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, tag);
        }
        if (activity is not null)
        {
            activity.SetTag("rtvi.session.end_reason", EndReasonName(reason));
            activity.SetTag("rtvi.client.generation", session.Generation.ToString());
            if (reason is RtviSessionEndReason.TransportFailed or RtviSessionEndReason.Stalled)
            {
                activity.SetStatus(ActivityStatusCode.Error, EndReasonName(reason));
            }
            activity.Dispose();
        }
    }

    // ---- messages --------------------------------------------------------------------------------------------------

    /// <summary>A message arrived; types the protocol does not define are counted as <c>_OTHER</c>.</summary>
    public static void MessageReceived(in InboxItem item)
    {
        if (s_received.Enabled && item.Kind == InboxKind.Message)
        {
            s_received.Add(1, new KeyValuePair<string, object?>("rtvi.message.type", ClientTypeName(item.Envelope.Type)));
        }
    }

    /// <summary>A message was written for a client (<paramref name="type"/> is always one of the server's constants).</summary>
    public static void MessageSent(string type)
    {
        if (s_sent.Enabled)
        {
            s_sent.Add(1, new KeyValuePair<string, object?>("rtvi.message.type", type));
        }
    }

    /// <summary>Counts an <c>error</c> or <c>error-response</c> by the kind of its text; returns the text.</summary>
    public static string ErrorSent(string type, string error)
    {
        if (s_errors.Enabled)
        {
            s_errors.Add(1, new KeyValuePair<string, object?>("error.type", ErrorKind(error)), new KeyValuePair<string, object?>("rtvi.message.type", type));
        }
        return error;
    }

    /// <summary>Inbound audio frames were dropped from a session's audio stream (its reader fell behind).</summary>
    public static void AudioFramesDropped(int count)
    {
        if (s_audioDropped.Enabled)
        {
            s_audioDropped.Add(count);
        }
    }

    // ---- handlers --------------------------------------------------------------------------------------------------

    /// <summary>Runs a handler that answers with a result, timed and in a span when anyone listens.</summary>
    /// <remarks>Request handlers are of the kind of the message that reached them (<c>action</c> or <c>client-message</c>).</remarks>
    public static ValueTask<T> MeasureAsync<T>(string messageType, string handler, Func<ValueTask<T>> run) =>
        IsObserved ? MeasureCoreAsync(messageType, messageType, handler, run, static r => r()) : run();

    /// <summary>Runs a handler that answers with a result from <paramref name="state"/>, timed and in a span when anyone listens.</summary>
    public static ValueTask<T> MeasureAsync<T, TState>(string messageType, string handler, TState state, Func<TState, ValueTask<T>> run) =>
        IsObserved ? MeasureCoreAsync(messageType, messageType, handler, state, run) : run(state);

    /// <summary>Runs a handler or hook, timed and in a span when anyone listens.</summary>
    public static ValueTask MeasureAsync<TState>(string kind, string? messageType, string handler, TState state, Func<TState, ValueTask> run) =>
        IsObserved ? MeasureVoidAsync(kind, messageType, handler, state, run) : run(state);

    /// <summary>Relays a function call, counted by outcome (result, timeout, cancelled, error), timed and in a span.</summary>
    public static Task<T> FunctionCallAsync<T, TState>(string functionName, TState state, Func<TState, Task<T>> call) =>
        s_functionCalls.Enabled || s_functionCallDuration.Enabled || s_source.HasListeners() ? MeasureCallAsync(functionName, state, call) : call(state);

    private static bool IsObserved => s_handlerDuration.Enabled || s_source.HasListeners();

    private static async ValueTask<T> MeasureCoreAsync<T, TState>(string kind, string? messageType, string handler, TState state, Func<TState, ValueTask<T>> run)
    {
        using var activity = kind == HookKind && handler == AudioHook ? null : s_source.StartActivity(kind + " " + handler);
        if (activity is not null)
        {
            activity.SetTag("rtvi.handler.kind", kind);
            activity.SetTag("rtvi.handler.name", handler);
            activity.SetTag("rtvi.message.type", messageType);
        }
        var startedAt = Stopwatch.GetTimestamp();
        string? error = null;
        try
        {
            return await run(state).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            error = exception.GetType().FullName;
            Failed(activity, exception);
            throw;
        }
        finally
        {
            if (s_handlerDuration.Enabled)
            {
                var tags = new TagList
                {
                    { "rtvi.handler.kind", kind },
                    { "rtvi.handler.name", handler },
                };
                if (error is not null)
                {
                    tags.Add("error.type", error);
                }
                s_handlerDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, tags);
            }
        }
    }

    private static async ValueTask MeasureVoidAsync<TState>(string kind, string? messageType, string handler, TState state, Func<TState, ValueTask> run) =>
        await MeasureCoreAsync(kind, messageType, handler, (run, state), static async s =>
        {
            await s.run(s.state).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    private static async Task<T> MeasureCallAsync<T, TState>(string functionName, TState state, Func<TState, Task<T>> call)
    {
        using var activity = s_source.StartActivity("function-call " + functionName);
        activity?.SetTag("rtvi.handler.kind", "function-call");
        activity?.SetTag("rtvi.handler.name", functionName);
        activity?.SetTag("rtvi.message.type", LlmFunctionCall);
        var startedAt = Stopwatch.GetTimestamp();
        var outcome = "result";
        try
        {
            return await call(state).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            outcome = exception switch
            {
                RtviFunctionCallTimeoutException => "timeout",
                OperationCanceledException => "cancelled",
                _ => "error",
            };
            if (outcome != "cancelled")
            {
                Failed(activity, exception);
            }
            throw;
        }
        finally
        {
            activity?.SetTag("rtvi.function_call.outcome", outcome);
            var tag = new KeyValuePair<string, object?>("rtvi.function_call.outcome", outcome);
            s_functionCalls.Add(1, tag);
            s_functionCallDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, tag);
        }
    }

    private static void Failed(Activity? activity, Exception exception)
    {
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            activity.SetTag("error.type", exception.GetType().FullName);
            activity.AddException(exception);
        }
    }

    // ---- names -----------------------------------------------------------------------------------------------------

    /// <summary>The fixed kind of an error text (<c>error.type</c>); texts the app chose are <c>app</c>.</summary>
    internal static string ErrorKind(string error) => error switch
    {
        RtviErrorText.HandlerFailed => "handler_failed",
        RtviErrorText.BotNotReady => "bot_not_ready",
        RtviErrorText.TooManyRequests => "too_many_requests",
        RtviErrorText.HandshakeTimedOut => "handshake_timed_out",
        RtviErrorText.TooMuchBeforeClientReady => "over_budget",
        RtviErrorText.ServerShuttingDown => "server_shutting_down",
        RtviErrorText.ServerBusy => "server_busy",
        _ when error.StartsWith(RtviErrorText.InvalidMessagePrefix, StringComparison.Ordinal) => "invalid_message",
        _ when error.StartsWith(RtviErrorText.InvalidTransportMessagePrefix, StringComparison.Ordinal) => "invalid_transport_message",
        _ when error.StartsWith(RtviErrorText.UnsupportedTypePrefix, StringComparison.Ordinal) => "unsupported_type",
        _ when error.StartsWith(RtviErrorText.NoClientMessageHandlerPrefix, StringComparison.Ordinal) => "no_handler",
        _ when error.StartsWith("Action ", StringComparison.Ordinal) && error.EndsWith(RtviErrorText.ActionNotRegisteredSuffix, StringComparison.Ordinal) => "action_not_registered",
        _ when error.EndsWith(RtviErrorText.CompatibilitySuffix, StringComparison.Ordinal) => "client_version",
        _ => "app",
    };

    private static string ClientTypeName(string? type) => type switch
    {
        ClientReady or DescribeConfig or DescribeActions or RtviMessageTypes.GetConfig or UpdateConfig or RtviMessageTypes.Action
            or DisconnectBot or LlmFunctionCallResult or RawAudio or RawAudioBatch or ClientMessage or SendText or AppendToContext
            or Dtmf or UiEvent or UiSnapshot or UiCancelJobGroup => type,
        _ => Other,
    };

    private static string EndReasonName(RtviSessionEndReason reason) => reason switch
    {
        RtviSessionEndReason.ClientClosed => "client_closed",
        RtviSessionEndReason.ClientDisconnected => "client_disconnected",
        RtviSessionEndReason.ServerDisconnected => "server_disconnected",
        RtviSessionEndReason.HandshakeTimedOut => "handshake_timed_out",
        RtviSessionEndReason.OverBudget => "over_budget",
        RtviSessionEndReason.Stalled => "stalled",
        RtviSessionEndReason.TransportFailed => "transport_failed",
        RtviSessionEndReason.ServerShutdown => "server_shutdown",
        RtviSessionEndReason.Cancelled => "cancelled",
        _ => Other,
    };

    private static long ObserveOutboxBytes()
    {
        long bytes = 0;
        foreach (var (server, _) in s_servers)
        {
            foreach (var session in server.Sessions)
            {
                bytes += session.OutboxBytes;
            }
        }
        return bytes;
    }
}
