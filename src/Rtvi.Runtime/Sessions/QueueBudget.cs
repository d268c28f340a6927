namespace Rtvi.Sessions;

/// <summary>
/// A count and byte budget for one queue (or several sharing it). Taking never blocks unless the caller asks to wait;
/// an empty queue always admits one item, however large, so that one large message cannot wedge it.
/// </summary>
internal sealed class QueueBudget(int maxItems, long maxBytes)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _room;
    private int _items;
    private long _bytes;

    /// <summary>Bytes taken and not yet released.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Whether nothing is taken (a racy read: callers re-check under their own lock).</summary>
    public bool IsEmpty => Volatile.Read(ref _items) == 0;

    public bool TryTake(long bytes)
    {
        lock (_lock)
        {
            return TakeLocked(bytes);
        }
    }

    /// <summary>Takes room for one item of <paramref name="bytes"/>, waiting for releases while there is none.</summary>
    public async ValueTask TakeAsync(long bytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task room;
            lock (_lock)
            {
                if (TakeLocked(bytes))
                {
                    return;
                }
                _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                room = _room.Task;
            }
            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Release(long bytes) => Release(1, bytes);

    /// <summary>Gives back the room of <paramref name="items"/> items of <paramref name="bytes"/> in all.</summary>
    public void Release(int items, long bytes)
    {
        TaskCompletionSource? room;
        lock (_lock)
        {
            _items -= items;
            _bytes -= bytes;
            room = _room;
            _room = null;
        }
        room?.TrySetResult();
    }

    private bool TakeLocked(long bytes)
    {
        if (_items > 0 && (_items >= maxItems || _bytes + bytes > maxBytes))
        {
            return false;
        }
        _items++;
        _bytes += bytes;
        return true;
    }
}
