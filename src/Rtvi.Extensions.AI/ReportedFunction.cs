using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Rtvi.Extensions.AI;

/// <summary>
/// A function the bot runs itself, wrapped for one turn so that its call is reported to the client:
/// <c>llm-function-call-started</c> (unless the stream announced it already), <c>-in-progress</c> before it runs and
/// <c>-stopped</c> with its result, or cancelled.
/// </summary>
internal sealed class ReportedFunction(AIFunction inner, ConversationTurn turn) : DelegatingAIFunction(inner)
{
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var call = FunctionInvokingChatClient.CurrentContext?.CallContent;
        var toolCallId = call is not null && call.Name == Name && !string.IsNullOrEmpty(call.CallId) ? call.CallId : RtviClientFunction.NewToolCallId();
        var events = turn.Session.Events;
        var level = turn.ReportLevelFor(Name);
        await turn.AnnounceAsync(Name, toolCallId, cancellationToken).ConfigureAwait(false);
        await events.FunctionCallInProgressAsync(Name, toolCallId, FunctionArgumentsWriter.ToElement(arguments, JsonSerializerOptions), level, cancellationToken)
            .ConfigureAwait(false);
        object? result;
        try
        {
            result = await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await events.FunctionCallStoppedAsync(Name, toolCallId, cancelled: true, default, level, turn.Session.Ended).ConfigureAwait(false);
            throw;
        }
        catch (Exception)
        {
            // The model is told the function failed; the client learns only that the call ended.
            await events.FunctionCallStoppedAsync(Name, toolCallId, cancelled: false, default, level, cancellationToken).ConfigureAwait(false);
            throw;
        }
        await events.FunctionCallStoppedAsync(Name, toolCallId, cancelled: false, FunctionArgumentsWriter.ValueToElement(result, JsonSerializerOptions), level, cancellationToken)
            .ConfigureAwait(false);
        return result;
    }
}
