using Microsoft.Extensions.AI;

namespace Rtvi.Extensions.AI;

/// <summary>
/// One session's chat history: appended by turns, option and action handlers on different lanes, so guarded by one lock.
/// Kept within a message budget by dropping the oldest turns whole (a kept history always starts at a user message, so
/// no tool result loses its call).
/// </summary>
internal sealed class ConversationHistory
{
    private readonly Lock _lock = new();
    private readonly List<ChatMessage> _messages = [];

    public int MaxMessages { get; set; }

    public void Append(IEnumerable<ChatMessage> messages)
    {
        lock (_lock)
        {
            _messages.AddRange(messages);
            Trim();
        }
    }

    public void Replace(IEnumerable<ChatMessage> messages)
    {
        lock (_lock)
        {
            _messages.Clear();
            _messages.AddRange(messages);
            Trim();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _messages.Clear();
        }
    }

    public List<ChatMessage> Snapshot()
    {
        lock (_lock)
        {
            return [.. _messages];
        }
    }

    private void Trim()
    {
        if (_messages.Count <= MaxMessages)
        {
            return;
        }
        var drop = _messages.Count - Math.Max(MaxMessages, 0);
        while (drop < _messages.Count && _messages[drop].Role != ChatRole.User)
        {
            drop++;
        }
        _messages.RemoveRange(0, drop);
    }
}
