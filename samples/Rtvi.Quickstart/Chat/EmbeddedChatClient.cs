using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Rtvi.Quickstart.Conversation;

namespace Rtvi.Quickstart.Chat;

/// <summary>
/// A deterministic, offline chat "model" so the quickstart runs without a network: it streams its answer word by word,
/// calls <c>get_client_time</c> when asked for the time, <c>set_theme</c> when asked for a theme (both in the browser) and
/// <c>roll_dice</c> (in the bot) when asked to roll a die, and answers with the function's result.
/// </summary>
public sealed class EmbeddedChatClient(TimeSpan tokenDelay) : IChatClient
{
    /// <summary>The model name it reports.</summary>
    public const string ModelName = "rtvi-embedded";

    private static readonly ChatClientMetadata s_metadata = new("rtvi-embedded", null, ModelName);
    private int _calls;

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var responseId = "resp_" + Interlocked.Increment(ref _calls);
        if (RequestedCall(history, options) is { } call)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [call]) { ResponseId = responseId, ModelId = ModelName, FinishReason = ChatFinishReason.ToolCalls };
            yield break;
        }
        var answer = Answer(history);
        var words = 0;
        for (var start = 0; start < answer.Length;)
        {
            var end = answer.IndexOf(' ', start);
            end = end < 0 ? answer.Length : end + 1;
            if (tokenDelay > TimeSpan.Zero)
            {
                await Task.Delay(tokenDelay, cancellationToken);
            }
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, answer[start..end]) { ResponseId = responseId, ModelId = ModelName };
            start = end;
            words++;
        }
        var prompt = history.Sum(m => m.Text.Length / 4);
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = prompt, OutputTokenCount = words, TotalTokenCount = prompt + words })])
        {
            ResponseId = responseId,
            ModelId = ModelName,
            FinishReason = ChatFinishReason.Stop,
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? s_metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private FunctionCallContent? RequestedCall(IReadOnlyList<ChatMessage> history, ChatOptions? options)
    {
        if (history.Count == 0 || history[^1].Role != ChatRole.User)
        {
            return null;
        }
        var text = history[^1].Text;
        var callId = "call_" + Interlocked.Increment(ref _calls);
        if (Mentions(text, "time", "clock") && HasTool(options, ClientFunctions.GetClientTime))
        {
            return new FunctionCallContent(callId, ClientFunctions.GetClientTime, new Dictionary<string, object?>());
        }
        if (Mentions(text, "dice", "die", "roll") && HasTool(options, RollDiceFunction.FunctionName))
        {
            return new FunctionCallContent(callId, RollDiceFunction.FunctionName, new Dictionary<string, object?> { ["sides"] = 6 });
        }
        if (Mentions(text, "theme", "dark", "light") && HasTool(options, ClientFunctions.SetTheme))
        {
            var theme = Mentions(text, "light") ? "light" : "dark";
            return new FunctionCallContent(callId, ClientFunctions.SetTheme, new Dictionary<string, object?> { ["theme"] = theme });
        }
        return null;
    }

    private static string Answer(IReadOnlyList<ChatMessage> history)
    {
        if (history.Count == 0)
        {
            return "Hello!";
        }
        var last = history[^1];
        foreach (var content in last.Contents)
        {
            if (content is FunctionResultContent result)
            {
                return AnswerWithResult(FunctionName(history, result.CallId), result);
            }
        }
        var text = last.Text.Trim();
        if (Mentions(text, "fact", "know about me", "remember"))
        {
            var facts = history[0].Role == ChatRole.System
                ? history[0].Text.Split('\n').Where(line => line.StartsWith("- ", StringComparison.Ordinal)).Select(line => line[2..]).ToList()
                : [];
            return facts.Count == 0
                ? "I don't know anything about you yet. Teach me with the llm:add_fact action."
                : "Here is what I know about you: " + string.Join("; ", facts) + ".";
        }
        return $"You said: \"{text}\". I am the embedded demo model, so I only pretend to think. " +
            "I can ask your browser for the time or switch this page's theme. Try \"what time is it?\" or \"use the dark theme\".";
    }

    private static string AnswerWithResult(string? function, FunctionResultContent result)
    {
        if (result.Exception is not null || result.Result is null)
        {
            return $"I could not run {function ?? "that function"} in your browser.";
        }
        var value = result.Result as JsonElement? ?? default;
        var text = result.Result as string;
        return function switch
        {
            ClientFunctions.GetClientTime => $"Your browser says it is {Member(value, "time") ?? text ?? value.ToString()}.",
            ClientFunctions.SetTheme => $"Done. The page now uses the {Member(value, "theme") ?? text ?? "new"} theme.",
            RollDiceFunction.FunctionName => $"You rolled a {NumberMember(value, "value")} on a {NumberMember(value, "sides")}-sided die.",
            _ => $"The client answered {text ?? value.ToString()}.",
        };
    }

    private static string? Member(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String
            ? member.GetString()
            : null;

    private static int? NumberMember(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty(name, out var member) && member.TryGetInt32(out var number) ? number : null;

    private static string? FunctionName(IReadOnlyList<ChatMessage> history, string callId)
    {
        for (var i = history.Count - 1; i >= 0; i--)
        {
            foreach (var content in history[i].Contents)
            {
                if (content is FunctionCallContent call && call.CallId == callId)
                {
                    return call.Name;
                }
            }
        }
        return null;
    }

    private static bool HasTool(ChatOptions? options, string name) =>
        options?.Tools?.Any(tool => tool.Name == name) == true;

    private static bool Mentions(string text, params ReadOnlySpan<string> words)
    {
        foreach (var word in words)
        {
            // Whole words only: "sometimes" is not a request for the time, "darkness" not one for a theme.
            for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + word.Length;
                if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
