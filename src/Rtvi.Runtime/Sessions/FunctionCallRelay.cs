using System.Text.Json;
using Rtvi.Protocol;

namespace Rtvi.Sessions;

/// <summary>
/// The function calls a session relays to its client: registers each call (atomically bounded, unique by
/// <c>tool_call_id</c>), sends the call in the client's generation, waits for the matching
/// <c>llm-function-call-result</c> with a timeout, and settles every pending call when the session ends.
/// </summary>
internal sealed class FunctionCallRelay(RtviSession session, RtviServerOptions options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PendingCall> _pending = new(StringComparer.Ordinal);
    private bool _closed;

    private sealed class PendingCall(string functionName)
    {
        public string FunctionName { get; } = functionName;
        public TaskCompletionSource<JsonElement> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>What became of a client's result.</summary>
    public enum Completion { Completed, UnknownToolCall, NameMismatch }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    public async Task<JsonElement> CallAsync(string functionName, string toolCallId, JsonElement arguments, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var call = Register(functionName, toolCallId);
        try
        {
            var args = arguments.ValueKind == JsonValueKind.Object ? arguments : default;
            var level = options.ReportLevelFor(functionName);
            var lifecycle = session.ClientAtLeast(1, 2);
            if (lifecycle)
            {
                if (level != RtviFunctionCallReportLevel.Disabled)
                {
                    await session.SendAsync(ServerMessageWriter.FunctionCallStarted(functionName, level), cancellationToken).ConfigureAwait(false);
                }
                await session.SendAsync(ServerMessageWriter.FunctionCallInProgress(functionName, toolCallId, args), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await session.SendAsync(ServerMessageWriter.LlmFunctionCall(functionName, toolCallId, args), cancellationToken).ConfigureAwait(false);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.Ended);
            linked.CancelAfter(timeout ?? options.Limits.FunctionCallTimeout);
            var reportStopped = lifecycle && level != RtviFunctionCallReportLevel.Disabled;
            JsonElement result;
            try
            {
                result = await call.Result.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !session.Ended.IsCancellationRequested)
            {
                await SendStoppedAsync(reportStopped, functionName, toolCallId, level, cancelled: true, default).ConfigureAwait(false);
                throw new RtviFunctionCallTimeoutException(functionName);
            }
            catch (OperationCanceledException)
            {
                await SendStoppedAsync(reportStopped, functionName, toolCallId, level, cancelled: true, default).ConfigureAwait(false);
                throw;
            }
            await SendStoppedAsync(reportStopped, functionName, toolCallId, level, cancelled: false, result).ConfigureAwait(false);
            return result;
        }
        finally
        {
            lock (_lock)
            {
                if (_pending.TryGetValue(toolCallId, out var current) && current == call)
                {
                    _pending.Remove(toolCallId);
                }
            }
        }
    }

    /// <summary>Hands a client's result to the call waiting for it.</summary>
    public Completion Complete(FunctionCallResultRequest result)
    {
        PendingCall? call;
        lock (_lock)
        {
            if (!_pending.TryGetValue(result.ToolCallId, out call))
            {
                return Completion.UnknownToolCall;
            }
            if (!string.Equals(call.FunctionName, result.FunctionName, StringComparison.Ordinal))
            {
                return Completion.NameMismatch;
            }
            _pending.Remove(result.ToolCallId);
        }
        call.Result.TrySetResult(result.Result);
        return Completion.Completed;
    }

    /// <summary>Settles every pending call as cancelled and refuses new ones: the session is ending.</summary>
    public void Close(CancellationToken ended)
    {
        List<PendingCall> calls;
        lock (_lock)
        {
            _closed = true;
            calls = [.. _pending.Values];
            _pending.Clear();
        }
        foreach (var call in calls)
        {
            call.Result.TrySetCanceled(ended);
        }
    }

    private PendingCall Register(string functionName, string toolCallId)
    {
        var call = new PendingCall(functionName);
        lock (_lock)
        {
            if (_closed)
            {
                throw new OperationCanceledException(session.Ended);
            }
            if (_pending.Count >= options.Limits.MaxPendingFunctionCalls)
            {
                throw new InvalidOperationException("Too many pending function calls.");
            }
            if (!_pending.TryAdd(toolCallId, call))
            {
                throw new InvalidOperationException($"A function call with tool_call_id '{toolCallId}' is already pending.");
            }
        }
        return call;
    }

    private ValueTask SendStoppedAsync(bool report, string functionName, string toolCallId, RtviFunctionCallReportLevel level, bool cancelled, JsonElement result) =>
        report && !session.Ended.IsCancellationRequested
            ? session.SendAsync(ServerMessageWriter.FunctionCallStopped(functionName, toolCallId, level, cancelled, result))
            : default;
}
