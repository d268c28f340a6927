using Microsoft.Extensions.AI;
using Rtvi.Extensions.AI;
using Rtvi.Quickstart.Conversation;

namespace Rtvi.Quickstart.Bot;

/// <summary>The <c>llm</c> service: the conversation's model settings, its memory of facts and a reset.</summary>
[RtviService("llm")]
public sealed class LlmService(RtviConversation conversation, ConversationState state)
{
    /// <summary>The model name passed to the chat client.</summary>
    [RtviOption("model")]
    public void SetModel(string model) => conversation.Model = model;

    /// <summary>The sampling temperature passed to the chat client.</summary>
    [RtviOption("temperature")]
    public void SetTemperature(double temperature) => conversation.Temperature = Math.Clamp(temperature, 0, 2);

    /// <summary>The system prompt that starts every request.</summary>
    [RtviOption("system_prompt")]
    public void SetSystemPrompt(string systemPrompt)
    {
        state.SystemPrompt = systemPrompt;
        conversation.SystemPrompt = state.ComposeSystemPrompt();
    }

    /// <summary>Adds a fact to the system prompt; returns how many facts the bot now knows.</summary>
    [RtviAction("add_fact")]
    public int AddFact(Fact fact)
    {
        var count = state.AddFact(fact);
        conversation.SystemPrompt = state.ComposeSystemPrompt();
        return count;
    }

    /// <summary>The current settings.</summary>
    [RtviAction("settings")]
    public LlmSettings Settings() =>
        new(conversation.Model ?? "", conversation.Temperature ?? 0, state.SystemPrompt, state.Facts, conversation.History.Count(m => m.Role == ChatRole.User));

    /// <summary>Forgets the conversation (not the facts) and tells the client with a server-message.</summary>
    [RtviAction("reset")]
    public async Task<bool> ResetAsync(RtviSession session, CancellationToken cancellationToken)
    {
        conversation.ClearHistory();
        await session.Events.ServerMessageAsync(
            new ServerNotice("conversation-reset", "The conversation was cleared."), RtviGeneratedJson.Default.ServerNotice, cancellationToken);
        return true;
    }
}
