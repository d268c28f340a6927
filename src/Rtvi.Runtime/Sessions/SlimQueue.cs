using System.Threading.Tasks.Sources;

namespace Rtvi.Sessions;

/// <summary>
/// An unbounded queue with one reader that waits without allocating, for a session's loops. It starts with no storage
/// and grows with use (a <see cref="Queue{T}"/> behind one lock), so an idle session pays a few hundred bytes per queue
/// where a channel's first segment costs kilobytes. The reader's continuation always runs on the thread pool, never on
/// the writer's thread. Bounds are the callers' (their budgets); completing it makes waiting return false once empty.
/// </summary>
internal sealed class SlimQueue<T> : IValueTaskSource<bool>
{
    private readonly Queue<T> _items = new();
    private ManualResetValueTaskSourceCore<bool> _waiter = new() { RunContinuationsAsynchronously = true };
    private bool _waiting;
    private bool _completed;

    /// <summary>Items queued now (a snapshot).</summary>
    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="item"/>; false once the queue is completed.</summary>
    public bool TryWrite(T item)
    {
        lock (_items)
        {
            if (_completed)
            {
                return false;
            }
            _items.Enqueue(item);
            if (!_waiting)
            {
                return true;
            }
            _waiting = false;
        }
        _waiter.SetResult(true);
        return true;
    }

    /// <summary>Accepts no more items; the reader drains what is queued, then its wait returns false.</summary>
    public bool TryComplete()
    {
        lock (_items)
        {
            if (_completed)
            {
                return false;
            }
            _completed = true;
            if (!_waiting)
            {
                return true;
            }
            _waiting = false;
        }
        _waiter.SetResult(false);
        return true;
    }

    /// <summary>Takes the oldest item, if any.</summary>
    public bool TryRead(out T item)
    {
        lock (_items)
        {
            return _items.TryDequeue(out item!);
        }
    }

    /// <summary>
    /// Waits until an item is queued (true) or the queue is completed and empty (false). One reader only: a second wait
    /// before the first completed is a bug and throws.
    /// </summary>
    public ValueTask<bool> WaitToReadAsync()
    {
        lock (_items)
        {
            if (_items.Count > 0)
            {
                return new ValueTask<bool>(true);
            }
            if (_completed)
            {
                return new ValueTask<bool>(false);
            }
            if (_waiting)
            {
                throw new InvalidOperationException("The queue has one reader.");
            }
            _waiter.Reset();
            _waiting = true;
            return new ValueTask<bool>(this, _waiter.Version);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _waiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _waiter.OnCompleted(continuation, state, token, flags);
}
