using Microsoft.Extensions.DependencyInjection;

namespace Rtvi.Extensions.AI;

/// <summary>
/// The 0.3 <c>llm</c> service actions of the conversation (the set 0.3 bots offered and the 0.x clients' LLM helper
/// calls): <c>append_to_messages</c>, <c>get_context</c>, <c>set_context</c> and <c>run</c>. Arguments are bound and
/// checked before anything changes; a turn they start runs in the background and its events follow the action's answer.
/// </summary>
internal static class ConversationActions
{
    public const string AppendToMessages = "append_to_messages", GetContext = "get_context", SetContext = "set_context", Run = "run";

    private const string Messages = "messages", RunImmediately = "run_immediately", Interrupt = "interrupt";

    /// <summary>Registers the four actions under <paramref name="service"/>.</summary>
    public static void Register(RtviRegistryBuilder registry, string service)
    {
        registry
            .AddAction(service, AppendToMessages,
                [new(Messages, RtviWireType.Array), new(RunImmediately, RtviWireType.Bool, IsOptional: true)],
                RtviWireType.Bool, AppendToMessagesAsync)
            .AddAction(service, GetContext, [], RtviWireType.Object, GetContextAsync)
            .AddAction(service, SetContext,
                [
                    new(Messages, RtviWireType.Array),
                    new(RunImmediately, RtviWireType.Bool, IsOptional: true),
                    new(Interrupt, RtviWireType.Bool, IsOptional: true),
                ],
                RtviWireType.Bool, SetContextAsync)
            .AddAction(service, Run, [new(Interrupt, RtviWireType.Bool, IsOptional: true)], RtviWireType.Bool, RunAsync);
    }

    /// <summary>Appends the messages; with <c>run_immediately</c> (default true, as in 0.3 bots) interrupts the bot and runs a turn.</summary>
    private static async ValueTask<RtviResult> AppendToMessagesAsync(RtviActionContext context, RtviArguments arguments, CancellationToken cancellationToken)
    {
        var messages = ContextMessages.Read(RtviBinder.Required(arguments, Messages), Messages);
        var run = Flag(arguments, RunImmediately, defaultValue: true);
        var conversation = Of(context);
        if (run)
        {
            await conversation.InterruptAsync(cancellationToken).ConfigureAwait(false);
        }
        conversation.Append(messages);
        return Answer(context, conversation, run);
    }

    /// <summary>The system prompt (if any) and the history, with the session's tools.</summary>
    private static ValueTask<RtviResult> GetContextAsync(RtviActionContext context, RtviArguments arguments, CancellationToken cancellationToken)
    {
        var conversation = Of(context);
        return new(ContextMessages.Write(conversation.BuildRequest(), conversation.Tools));
    }

    /// <summary>
    /// Replaces the history (a leading system message replaces the system prompt); with <c>interrupt</c> interrupts the
    /// bot first; with <c>run_immediately</c> (default true, as in 0.3 bots) interrupts it and runs a turn.
    /// </summary>
    private static async ValueTask<RtviResult> SetContextAsync(RtviActionContext context, RtviArguments arguments, CancellationToken cancellationToken)
    {
        var messages = ContextMessages.Read(RtviBinder.Required(arguments, Messages), Messages);
        var run = Flag(arguments, RunImmediately, defaultValue: true);
        var interrupt = Flag(arguments, Interrupt, defaultValue: false);
        var conversation = Of(context);
        if (run || interrupt)
        {
            await conversation.InterruptAsync(cancellationToken).ConfigureAwait(false);
        }
        conversation.ReplaceContext(messages);
        return Answer(context, conversation, run);
    }

    /// <summary>Runs a turn on the history; with <c>interrupt</c> (default true, as in 0.3 bots) interrupts the bot first.</summary>
    private static async ValueTask<RtviResult> RunAsync(RtviActionContext context, RtviArguments arguments, CancellationToken cancellationToken)
    {
        var interrupt = Flag(arguments, Interrupt, defaultValue: true);
        var conversation = Of(context);
        if (interrupt)
        {
            await conversation.InterruptAsync(cancellationToken).ConfigureAwait(false);
        }
        return Answer(context, conversation, run: true);
    }

    private static RtviResult Answer(RtviActionContext context, RtviConversation conversation, bool run)
    {
        if (run)
        {
            context.RunAfterAnswer(conversation.StartTurn);
        }
        return RtviResult.FromBoolean(true);
    }

    private static bool Flag(RtviArguments arguments, string name, bool defaultValue) =>
        arguments.TryGetValue(name, out var value) && !RtviBinder.IsNull(value) ? RtviBinder.GetBoolean(value, name) : defaultValue;

    private static RtviConversation Of(RtviActionContext context) => context.Services.GetRequiredService<RtviConversation>();
}
