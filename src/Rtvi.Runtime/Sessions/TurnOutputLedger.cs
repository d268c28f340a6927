namespace Rtvi.Sessions;

/// <summary>
/// The turn output queued in an outbox, per turn epoch, so that an interruption (<see cref="EndEpoch"/>) can give the
/// room of the interrupted turn's queued output back at once, before the writer reaches it. Every queued item of an
/// epoch was counted while that epoch was current (<see cref="TryAdd"/>) and leaves the count exactly once, when the
/// writer takes it (<see cref="Claim"/>). Only turn output comes here; other output never takes this lock.
/// </summary>
/// <remarks>
/// Room given back early is still held in memory until the writer passes those items, so it is given back only while no
/// earlier early release is still waiting for the writer: the outbox then holds at most twice its byte budget (plus one
/// message). An epoch ended meanwhile keeps its room until the writer drops its items one by one.
/// </remarks>
internal sealed class TurnOutputLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, (int Items, long Bytes)> _endedHoldingRoom = [];
    private long _epoch = 1;
    private int _items;
    private long _bytes;
    private int _releasedItems;

    /// <summary>What the writer does with a turn-output item it takes from the queue.</summary>
    public enum Claimed
    {
        /// <summary>Its turn goes on: send it (its room is given back after the send, as for any item).</summary>
        Send,
        /// <summary>Its turn was interrupted and its room already given back: drop it.</summary>
        Drop,
        /// <summary>Its turn was interrupted but its room is still held: drop it and give its room back.</summary>
        DropAndRelease,
    }

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

    /// <summary>Takes a queued item of <paramref name="epoch"/> out of the count.</summary>
    public Claimed Claim(long epoch, int bytes)
    {
        lock (_lock)
        {
            if (epoch == _epoch)
            {
                _items--;
                _bytes -= bytes;
                return Claimed.Send;
            }
            if (_endedHoldingRoom.TryGetValue(epoch, out var held))
            {
                held = (held.Items - 1, held.Bytes - bytes);
                if (held.Items == 0)
                {
                    _endedHoldingRoom.Remove(epoch);
                }
                else
                {
                    _endedHoldingRoom[epoch] = held;
                }
                return Claimed.DropAndRelease;
            }
            _releasedItems--;
            return Claimed.Drop;
        }
    }

    /// <summary>
    /// Ends the current epoch; returns the items and bytes of it still queued whose room the caller gives back now
    /// (none while an earlier early release is still waiting for the writer).
    /// </summary>
    public (int Items, long Bytes) EndEpoch()
    {
        lock (_lock)
        {
            var ended = (_items, _bytes);
            (_items, _bytes) = (0, 0);
            if (ended._items > 0 && _releasedItems > 0)
            {
                _endedHoldingRoom[_epoch] = ended;
                ended = (0, 0);
            }
            _releasedItems += ended._items;
            Volatile.Write(ref _epoch, _epoch + 1);
            return ended;
        }
    }
}
