using System.Collections.Concurrent;
using System.Text.Json;
using Rtvi.Protocol;

namespace Rtvi;

/// <summary>Thrown when a relayed function call gets no result from the client in time.</summary>
public sealed class RtviFunctionCallTimeoutException(string functionName)
    : TimeoutException($"The client did not answer the function call '{functionName}' in time.");

public sealed partial class RtviSession
{
    private readonly ConcurrentDictionary<string, PendingCall> _pendingCalls = new(StringComparer.Ordinal);

    private sealed record PendingCall(string FunctionName, RtviFunctionCallReportLevel Level)
    {
        public TaskCompletionSource<JsonElement> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The number of relayed function calls awaiting a client result.</summary>
    public int PendingFunctionCalls => _pendingCalls.Count;

    /// <summary>
    /// Relays an LLM function call to the client and waits for its <c>llm-function-call-result</c>: 0.3 and early 1.x
    /// clients get <c>llm-function-call</c>; 1.2+ and 2.x clients get the started / in-progress / stopped lifecycle,
    /// disclosed per the function's report level (in-progress always names the function and carries the arguments,
    /// since the client cannot run it otherwise).
    /// </summary>
    /// <returns>The client's <c>result</c> (a JSON object or string).</returns>
    /// <exception cref="RtviFunctionCallTimeoutException">No result within <paramref name="timeout"/> (default: the configured limit).</exception>
    /// <exception cref="OperationCanceledException">Cancelled, or the session ended.</exception>
    /// <exception cref="InvalidOperationException">The tool call id is already pending, or too many calls are pending.</exception>
    public async Task<JsonElement> CallClientFunctionAsync(
        string functionName, string toolCallId, JsonElement arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        ArgumentException.ThrowIfNullOrEmpty(toolCallId);
        if (arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            throw new ArgumentException("Function arguments must be a JSON object.", nameof(arguments));
        }
        if (_pendingCalls.Count >= _limits.MaxPendingFunctionCalls)
        {
            throw new InvalidOperationException("Too many pending function calls.");
        }
        var call = new PendingCall(functionName, _server.Options.ReportLevelFor(functionName));
        if (!_pendingCalls.TryAdd(toolCallId, call))
        {
            throw new InvalidOperationException($"A function call with tool_call_id '{toolCallId}' is already pending.");
        }
        _ended.Token.ThrowIfCancellationRequested();
        var args = arguments.ValueKind == JsonValueKind.Object ? arguments : default;
        var lifecycle = ClientAtLeast(1, 2);
        try
        {
            if (lifecycle)
            {
                if (call.Level != RtviFunctionCallReportLevel.Disabled)
                {
                    await SendAsync(FunctionCallMessage(RtviMessageTypes.LlmFunctionCallStarted, null, call, default), cancellationToken).ConfigureAwait(false);
                }
                await SendAsync(FunctionCallMessage(RtviMessageTypes.LlmFunctionCallInProgress, toolCallId, call with { Level = RtviFunctionCallReportLevel.Full }, args), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await SendAsync(LegacyFunctionCallMessage(functionName, toolCallId, args), cancellationToken).ConfigureAwait(false);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _ended.Token);
            linked.CancelAfter(timeout ?? _limits.FunctionCallTimeout);
            JsonElement result;
            try
            {
                result = await call.Result.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_ended.IsCancellationRequested)
            {
                await SendStoppedAsync(toolCallId, call, lifecycle, cancelled: true, default).ConfigureAwait(false);
                throw new RtviFunctionCallTimeoutException(functionName);
            }
            catch (OperationCanceledException)
            {
                await SendStoppedAsync(toolCallId, call, lifecycle, cancelled: true, default).ConfigureAwait(false);
                throw;
            }
            await SendStoppedAsync(toolCallId, call, lifecycle, cancelled: false, result).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _pendingCalls.TryRemove(new KeyValuePair<string, PendingCall>(toolCallId, call));
        }
    }

    private ValueTask SendStoppedAsync(string toolCallId, PendingCall call, bool lifecycle, bool cancelled, JsonElement result) =>
        lifecycle && call.Level != RtviFunctionCallReportLevel.Disabled && !_ended.IsCancellationRequested
            ? SendAsync(StoppedMessage(toolCallId, call, cancelled, result))
            : default;

    private async ValueTask HandleFunctionCallResultAsync(string id, JsonElement data)
    {
        PayloadReader.RequireObject(data, "data");
        PayloadReader.RequireString(PayloadReader.Member(data, "function_name"), "function_name");
        var toolCallId = PayloadReader.RequireString(PayloadReader.Member(data, "tool_call_id"), "tool_call_id");
        PayloadReader.RequireObject(PayloadReader.Member(data, "arguments"), "arguments");
        var result = PayloadReader.Member(data, "result");
        if (result.ValueKind is not (JsonValueKind.Object or JsonValueKind.String))
        {
            throw new PayloadException(result.ValueKind == JsonValueKind.Undefined ? "'result' is required" : "'result' must be an object or a string");
        }
        if (!_pendingCalls.TryRemove(toolCallId, out var call))
        {
            await SendAsync(MessageWriter.ErrorResponse(id, RtviErrorText.InvalidMessage("no pending function call has this tool_call_id"))).ConfigureAwait(false);
            return;
        }
        call.Result.TrySetResult(result);
    }

    private void CancelPendingFunctionCalls()
    {
        foreach (var call in _pendingCalls.Values)
        {
            call.Result.TrySetCanceled(_ended.Token);
        }
    }

    private static byte[] LegacyFunctionCallMessage(string functionName, string toolCallId, JsonElement args) =>
        MessageWriter.Build(RtviMessageTypes.LlmFunctionCall, null, (functionName, toolCallId, args), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("function_name"u8, s.functionName);
            w.WriteString("tool_call_id"u8, s.toolCallId);
            w.WritePropertyName("args"u8);
            WriteObjectOrEmpty(w, s.args);
            w.WriteEndObject();
        });

    private static byte[] FunctionCallMessage(string type, string? toolCallId, PendingCall call, JsonElement args) =>
        MessageWriter.Build(type, null, (toolCallId, call, args), static (w, s) =>
        {
            w.WriteStartObject();
            if (s.toolCallId is not null)
            {
                w.WriteString("tool_call_id"u8, s.toolCallId);
            }
            if (s.call.Level >= RtviFunctionCallReportLevel.Name)
            {
                w.WriteString("function_name"u8, s.call.FunctionName);
            }
            if (s.call.Level == RtviFunctionCallReportLevel.Full && s.toolCallId is not null)
            {
                w.WritePropertyName("arguments"u8);
                WriteObjectOrEmpty(w, s.args);
            }
            w.WriteEndObject();
        });

    private static void WriteObjectOrEmpty(Utf8JsonWriter writer, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            value.WriteTo(writer);
            return;
        }
        writer.WriteStartObject();
        writer.WriteEndObject();
    }

    private static byte[] StoppedMessage(string toolCallId, PendingCall call, bool cancelled, JsonElement result) =>
        MessageWriter.Build(RtviMessageTypes.LlmFunctionCallStopped, null, (toolCallId, call, cancelled, result), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("tool_call_id"u8, s.toolCallId);
            w.WriteBoolean("cancelled"u8, s.cancelled);
            if (s.call.Level >= RtviFunctionCallReportLevel.Name)
            {
                w.WriteString("function_name"u8, s.call.FunctionName);
            }
            if (s.call.Level == RtviFunctionCallReportLevel.Full && !s.cancelled && s.result.ValueKind != JsonValueKind.Undefined)
            {
                w.WritePropertyName("result"u8);
                s.result.WriteTo(w);
            }
            w.WriteEndObject();
        });
}
