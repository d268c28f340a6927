using System.Threading.Channels;
using Rtvi.Protocol;
using Rtvi.Transports;

namespace Rtvi.Sessions;

/// <summary>
/// One outbound message or chunk of bot audio; the outbox owns <see cref="Payload"/> once the item is queued.
/// <see cref="TurnEpoch"/> is 0 for output that is always sent, else the outbox's <see cref="Outbox.TurnEpoch"/> when the
/// item was made: turn output (bot audio, streamed bot text) that an interruption drops if it is still queued.
/// </summary>
internal readonly record struct OutboxItem(OutboundMessage Payload, int SampleRate, int NumChannels, long TurnEpoch = 0)
{
    public bool IsAudio => SampleRate > 0;
}

/// <summary>
/// A session's output queue, bounded in messages and bytes, drained by one writer loop into the transport. A sender
/// finding it full waits for room; a client that stops reading is detected two ways, both within the send timeout: a
/// sender waits that long for room, or one transport send takes that long. Either makes the outbox report the stall
/// (once the writer has seen it, it sends nothing more), and the session aborts the transport, which releases the
/// queued output with the connection.
/// </summary>
internal sealed class Outbox(int capacity, long maxBytes, TimeSpan sendTimeout)
{
    private readonly Channel<OutboxItem> _queue = Channel.CreateUnbounded<OutboxItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly QueueBudget _budget = new(capacity, maxBytes);
    private volatile bool _closed;
    private readonly TurnOutputLedger _turn = new();
    private int _stalled;
    private bool _sending;

    /// <summary>Raised once when the client stopped reading.</summary>
    public event Action? Stalled;

    /// <summary>Bytes queued and not yet sent.</summary>
    public long Bytes => _budget.Bytes;

    /// <summary>The epoch that turn output made now carries; <see cref="DropTurnOutput"/> moves to the next.</summary>
    public long TurnEpoch => _turn.Epoch;

    /// <summary>
    /// Ends the current turn epoch: turn output of earlier epochs that is still queued gives its room back now and is not
    /// sent (the writer skips it when it comes to it); whatever else is queued keeps its place.
    /// </summary>
    public void DropTurnOutput()
    {
        var (items, bytes) = _turn.EndEpoch();
        if (items > 0)
        {
            _budget.Release(items, bytes);
        }
    }

    /// <summary>Queues <paramref name="item"/>; after <see cref="Complete"/> it is dropped.</summary>
    public ValueTask EnqueueAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        if (_closed)
        {
            return default;
        }
        if (_budget.TryTake(item.Payload.Length))
        {
            Write(item);
            return default;
        }
        return EnqueueSlowAsync(item, cancellationToken);
    }

    /// <summary>Queues <paramref name="item"/> only if there is room now.</summary>
    public bool TryEnqueue(OutboxItem item)
    {
        if (_closed || !_budget.TryTake(item.Payload.Length))
        {
            return false;
        }
        Write(item);
        return true;
    }

    /// <summary>Accepts no more items; the writer ends after sending what is queued.</summary>
    public void Complete()
    {
        _closed = true;
        _queue.Writer.TryComplete();
    }

    /// <summary>
    /// Sends queued items in order until <see cref="Complete"/>, a transport failure or <paramref name="abort"/>. Each send
    /// may take at most the send timeout: a longer one reports the stall, and the session aborts the transport, which
    /// ends the send. The stall is reported before anything is cancelled, so that the session knows why the connection
    /// is going away (cancelling a WebSocket send aborts the socket, and the host may report that first).
    /// </summary>
    /// <returns>The transport failure that ended the loop, if any.</returns>
    public async Task<Exception?> RunWriterAsync(RtviConnection connection, CancellationToken abort)
    {
        using var timer = new Timer(static s => ((Outbox)s!).OnSendTimedOut(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // A wait given the token allocates on every wake-up; an abort ends the queue instead.
        using var wake = abort.Register(static queue => ((Channel<OutboxItem>)queue!).Writer.TryComplete(), _queue);
        var reader = _queue.Reader;
        Exception? failure = null;
        var done = false;
        while (!done && !abort.IsCancellationRequested && await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (!done && !abort.IsCancellationRequested && reader.TryRead(out var item))
            {
                if (item.TurnEpoch != 0 && _turn.Claim(item.TurnEpoch, item.Payload.Length) is not TurnOutputLedger.Claimed.Send and var claimed)
                {
                    // Output of an interrupted turn: dropped unsent.
                    DropUnsent(item, claimed);
                    continue;
                }
                Volatile.Write(ref _sending, true);
                timer.Change(sendTimeout, Timeout.InfiniteTimeSpan);
                try
                {
                    if (item.IsAudio)
                    {
                        await connection.SendAudioAsync(item.Payload.Memory, item.SampleRate, item.NumChannels, abort).ConfigureAwait(false);
                    }
                    else
                    {
                        await connection.SendMessageAsync(item.Payload.Memory, abort).ConfigureAwait(false);
                    }
                }
                catch (Exception) when (IsStalled || abort.IsCancellationRequested)
                {
                    // The send ended because the stall was reported or the session is aborting: not a transport failure.
                    done = true;
                }
                catch (Exception exception)
                {
                    failure = exception;
                    done = true;
                }
                finally
                {
                    timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    Volatile.Write(ref _sending, false);
                    _budget.Release(item.Payload.Length);
                    // The transport is done with the bytes once its send has completed (or failed).
                    item.Payload.Return();
                }
                done |= IsStalled;
            }
        }
        Complete();
        while (_queue.Reader.TryRead(out var dropped))
        {
            DropUnsent(dropped);
        }
        return failure;
    }

    private void OnSendTimedOut()
    {
        if (Volatile.Read(ref _sending))
        {
            ReportStall();
        }
    }

    private bool IsStalled => Volatile.Read(ref _stalled) != 0;

    /// <summary>Reports the stall once, however many senders and timers see it.</summary>
    private void ReportStall()
    {
        if (Interlocked.Exchange(ref _stalled, 1) == 0)
        {
            Stalled?.Invoke();
        }
    }

    private async ValueTask EnqueueSlowAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(sendTimeout);
        try
        {
            await _budget.TakeAsync(item.Payload.Length, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ReportStall();
            return;
        }
        Write(item);
    }

    private void Write(OutboxItem item)
    {
        if (item.TurnEpoch != 0 && !_turn.TryAdd(item.TurnEpoch, item.Payload.Length))
        {
            // Its turn was interrupted before it was queued.
            DropUnsent(item, TurnOutputLedger.Claimed.DropAndRelease);
            return;
        }
        if (!_queue.Writer.TryWrite(item))
        {
            DropUnsent(item);
        }
    }

    /// <summary>A queued item leaves the queue unsent.</summary>
    private void DropUnsent(OutboxItem item) =>
        DropUnsent(item, item.TurnEpoch == 0 ? TurnOutputLedger.Claimed.DropAndRelease : _turn.Claim(item.TurnEpoch, item.Payload.Length));

    /// <summary>An item is dropped unsent: its room is given back unless its interrupted turn already did.</summary>
    private void DropUnsent(OutboxItem item, TurnOutputLedger.Claimed claimed)
    {
        if (claimed != TurnOutputLedger.Claimed.Drop)
        {
            _budget.Release(item.Payload.Length);
        }
        item.Payload.Return();
    }
}
