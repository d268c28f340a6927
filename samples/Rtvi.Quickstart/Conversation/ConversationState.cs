using System.Text;
using Microsoft.Extensions.AI;
using Rtvi.Quickstart.Bot;

namespace Rtvi.Quickstart.Conversation;

/// <summary>
/// One session's conversation: the LLM and TTS settings the option handlers set, remembered facts, ratings and the chat
/// history. Scoped: one per session. Option and action handlers and the send-text hook run on different lanes, so
/// every member is guarded by one lock.
/// </summary>
public sealed class ConversationState
{
    private readonly Lock _lock = new();
    private readonly List<ChatMessage> _history = [];
    private readonly List<Fact> _facts = [];
    private int _ratings;
    private int _ratingSum;

    /// <summary>The model name (<c>llm.model</c>).</summary>
    public string Model { get; set; } = "";

    /// <summary>The sampling temperature (<c>llm.temperature</c>).</summary>
    public double Temperature { get; set; } = 0.7;

    /// <summary>The system prompt (<c>llm.system_prompt</c>).</summary>
    public string SystemPrompt { get; set; } = "";

    /// <summary>The voice (<c>tts.voice</c>).</summary>
    public string Voice { get; set; } = "";

    /// <summary>Remembers a fact; returns how many there are.</summary>
    public int AddFact(Fact fact)
    {
        lock (_lock)
        {
            _facts.Add(fact);
            return _facts.Count;
        }
    }

    /// <summary>Records a rating; returns the count and average so far.</summary>
    public FeedbackReceipt AddRating(int rating)
    {
        lock (_lock)
        {
            _ratings++;
            _ratingSum += rating;
            return new FeedbackReceipt(_ratings, Math.Round((double)_ratingSum / _ratings, 2));
        }
    }

    /// <summary>The current settings.</summary>
    public LlmSettings Settings()
    {
        lock (_lock)
        {
            return new LlmSettings(Model, Temperature, SystemPrompt, [.. _facts], _history.Count(m => m.Role == ChatRole.User));
        }
    }

    /// <summary>Forgets the chat history.</summary>
    public void ClearHistory()
    {
        lock (_lock)
        {
            _history.Clear();
        }
    }

    /// <summary>Adds messages to the history.</summary>
    public void Append(IEnumerable<ChatMessage> messages)
    {
        lock (_lock)
        {
            _history.AddRange(messages);
        }
    }

    /// <summary>The request for the next turn: the system prompt with the facts, then the history.</summary>
    public List<ChatMessage> BuildRequest()
    {
        lock (_lock)
        {
            var system = new StringBuilder(SystemPrompt);
            if (_facts.Count > 0)
            {
                system.Append("\nFacts about the user:");
                foreach (var fact in _facts)
                {
                    system.Append("\n- ").Append(fact.Subject).Append(": ").Append(fact.Detail);
                }
            }
            var messages = new List<ChatMessage>(_history.Count + 1) { new(ChatRole.System, system.ToString()) };
            messages.AddRange(_history);
            return messages;
        }
    }
}
