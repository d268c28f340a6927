using System.Text;
using Rtvi.Quickstart.Bot;

namespace Rtvi.Quickstart.Conversation;

/// <summary>
/// What the quickstart remembers beside the chat (which <see cref="Rtvi.Extensions.AI.RtviConversation"/> owns): the
/// system prompt as configured, the facts added to it, the voice and the ratings. Scoped: one per session. Option and
/// action handlers run on different lanes, so every member is guarded by one lock.
/// </summary>
public sealed class ConversationState
{
    private readonly Lock _lock = new();
    private readonly List<Fact> _facts = [];
    private string _systemPrompt = "";
    private int _ratings;
    private int _ratingSum;

    /// <summary>The system prompt as configured (<c>llm.system_prompt</c>), without the facts.</summary>
    public string SystemPrompt
    {
        get
        {
            lock (_lock)
            {
                return _systemPrompt;
            }
        }
        set
        {
            lock (_lock)
            {
                _systemPrompt = value;
            }
        }
    }

    /// <summary>The voice (<c>tts.voice</c>).</summary>
    public string Voice { get; set; } = "";

    /// <summary>The facts so far.</summary>
    public IReadOnlyList<Fact> Facts
    {
        get
        {
            lock (_lock)
            {
                return [.. _facts];
            }
        }
    }

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

    /// <summary>The system prompt the model gets: the configured one, then the facts.</summary>
    public string ComposeSystemPrompt()
    {
        lock (_lock)
        {
            var system = new StringBuilder(_systemPrompt);
            if (_facts.Count > 0)
            {
                system.Append("\nFacts about the user:");
                foreach (var fact in _facts)
                {
                    system.Append("\n- ").Append(fact.Subject).Append(": ").Append(fact.Detail);
                }
            }
            return system.ToString();
        }
    }
}
