namespace Rtvi.Sessions;

/// <summary>
/// The turn output queued in an outbox: the current turn epoch and how many items and bytes of it are queued, so that an
/// interruption (<see cref="EndEpoch"/>) gives their budget back at once, before the writer reaches them. Every queued
/// item of an epoch was counted while that epoch was current; it leaves the count exactly once, either claimed by the
/// writer (<see cref="TryClaim"/>) or released with its epoch. Only turn output comes here; other output never locks.
/// </summary>
internal sealed class TurnOutputLedger
{
    private readonly Lock _lock = new();
    private long _epoch = 1;
    private int _items;
    private long _bytes;

    /// <summary>The epoch turn output made now carries.</summary>
    public long Epoch => Volatile.Read(ref _epoch);

    /// <summary>Counts an item about to be queued; false when its epoch has already ended (it must not be queued).</summary>
    public bool TryAdd(long epoch, int bytes)
    {
        lock (_lock)
        {
            if (epoch != _epoch)
            {
                return false;
            }
            _items++;
            _bytes += bytes;
            return true;
        }
    }

    /// <summary>
    /// Takes a queued item out of the count; false when its epoch ended, which already gave its budget back (the item is
    /// then dropped unsent).
    /// </summary>
    public bool TryClaim(long epoch, int bytes)
    {
        lock (_lock)
        {
            if (epoch != _epoch)
            {
                return false;
            }
            _items--;
            _bytes -= bytes;
            return true;
        }
    }

    /// <summary>Ends the current epoch; returns the items and bytes of it still queued, whose budget the caller gives back.</summary>
    public (int Items, long Bytes) EndEpoch()
    {
        lock (_lock)
        {
            var ended = (_items, _bytes);
            (_items, _bytes) = (0, 0);
            Volatile.Write(ref _epoch, _epoch + 1);
            return ended;
        }
    }
}
