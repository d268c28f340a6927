using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Rtvi.Quickstart.Tests.Conversation;

/// <summary>
/// A chat client that plays one scripted response per request, in order, and records each request's messages. A script
/// step is text, a function call, usage, a failure, or a wait until the request is cancelled (an answer in progress).
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    public const string ModelId = "scripted-model";
    private readonly ConcurrentQueue<Step[]> _responses = new();

    /// <summary>The messages of every request, in order.</summary>
    public ConcurrentQueue<List<ChatMessage>> Requests { get; } = new();

    /// <summary>The options of every request, in order.</summary>
    public ConcurrentQueue<ChatOptions?> Options { get; } = new();

    /// <summary>Completed when a response reached a <see cref="Step.WaitForCancellation"/> step.</summary>
    public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScriptedChatClient Then(params Step[] steps)
    {
        _responses.Enqueue(steps);
        return this;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Requests.Enqueue([.. messages]);
        Options.Enqueue(options);
        if (!_responses.TryDequeue(out var steps))
        {
            throw new InvalidOperationException("No scripted response left.");
        }
        foreach (var step in steps)
        {
            switch (step)
            {
                case Step.Fail:
                    throw new InvalidOperationException("The scripted model failed.");
                case Step.WaitForCancellation:
                    Waiting.TrySetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    break;
                case Step.Text text:
                    yield return new ChatResponseUpdate(ChatRole.Assistant, text.Value) { ModelId = ModelId, MessageId = "m" + Requests.Count };
                    break;
                case Step.Call call:
                    yield return new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent(call.Id, call.Name, call.Arguments)])
                    {
                        ModelId = ModelId,
                        MessageId = "m" + Requests.Count,
                        FinishReason = ChatFinishReason.ToolCalls,
                    };
                    break;
                case Step.Usage usage:
                    yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(usage.Details)]) { ModelId = ModelId, MessageId = "m" + Requests.Count };
                    break;
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}

/// <summary>One step of a scripted response.</summary>
internal abstract record Step
{
    public sealed record Text(string Value) : Step;
    public sealed record Call(string Id, string Name, Dictionary<string, object?> Arguments) : Step;
    public sealed record Usage(UsageDetails Details) : Step;
    public sealed record Fail : Step;
    public sealed record WaitForCancellation : Step;

    public static Step Says(string text) => new Text(text);
    public static Step Calls(string id, string name, Dictionary<string, object?>? arguments = null) => new Call(id, name, arguments ?? []);
    public static Step Uses(long input, long output, long? cached = null, long? reasoning = null) =>
        new Usage(new UsageDetails { InputTokenCount = input, OutputTokenCount = output, CachedInputTokenCount = cached, ReasoningTokenCount = reasoning });
    public static Step Fails() => new Fail();
    public static Step Blocks() => new WaitForCancellation();
}
