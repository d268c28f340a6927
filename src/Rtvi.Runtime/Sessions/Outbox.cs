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
/// <remarks>
/// One send at a time, in order: whoever sends holds the send lock. A small message finding nothing queued and nobody
/// sending is sent by its sender at once (no hop to the writer loop); when the transport does not complete that send
/// synchronously the sender still returns at once, and the lock is released when the send completes, so a sender never
/// waits for the client. The writer loop takes the lock before it reads the queue, so nothing overtakes a queued item.
/// </remarks>
internal sealed class Outbox(int capacity, long maxBytes, TimeSpan sendTimeout)
{
    /// <summary>The largest message sent by its sender; larger ones go through the queue (their sends may take longer).</summary>
    internal const int MaxInlineBytes = 16 * 1024;

    private readonly SlimQueue<OutboxItem> _queue = new();
    private readonly QueueBudget _budget = new(capacity, maxBytes);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private volatile bool _closed;
    private readonly TurnOutputLedger _turn = new();
    private int _stalled;
    private bool _sending;
    private Timer? _timer;
    private RtviConnection? _connection;
    private CancellationToken _abort;
    private Exception? _inlineFailure;

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
        if (_closed || TrySendNow(item))
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
        if (_closed)
        {
            return false;
        }
        if (TrySendNow(item))
        {
            return true;
        }
        if (!_budget.TryTake(item.Payload.Length))
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
        _queue.TryComplete();
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
        _timer = timer;
        _abort = abort;
        // Published last: a sender sends by itself only once the writer is set up.
        Volatile.Write(ref _connection, connection);
        // A wait given the token allocates on every wake-up; an abort ends the queue instead.
        using var wake = abort.Register(static queue => ((SlimQueue<OutboxItem>)queue!).TryComplete(), _queue);
        var reader = _queue;
        Exception? failure = null;
        var done = false;
        while (!done && !abort.IsCancellationRequested && await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Uncontended, this completes at once without allocating; contended, a sender's send is in flight.
            await _sendLock.WaitAsync().ConfigureAwait(false);
            try
            {
                done = Volatile.Read(ref _inlineFailure) is not null;
                while (!done && !abort.IsCancellationRequested && reader.TryRead(out var item))
                {
                    if (item.TurnEpoch != 0 && _turn.Claim(item.TurnEpoch, item.Payload.Length) is not TurnOutputLedger.Claimed.Send and var claimed)
                    {
                        // Output of an interrupted turn: dropped unsent.
                        DropUnsent(item, claimed);
                        continue;
                    }
                    BeginSend();
                    try
                    {
                        await Send(connection, item, abort).ConfigureAwait(false);
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
                        EndSend(item);
                        _budget.Release(item.Payload.Length);
                    }
                    done |= IsStalled;
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }
        Volatile.Write(ref _connection, null);
        Complete();
        while (_queue.TryRead(out var dropped))
        {
            DropUnsent(dropped);
        }
        // A sender's own send still in flight ends with the transport; wait for it (bounded by the abort) before reporting.
        await _sendLock.WaitAsync(abort).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return failure ?? Volatile.Read(ref _inlineFailure);
    }

    /// <summary>
    /// Sends <paramref name="item"/> on the caller's thread when it is small, nothing is queued and nothing is being
    /// sent; false when it must be queued. A send the transport completes later is finished by its continuation.
    /// </summary>
    private bool TrySendNow(OutboxItem item)
    {
        var connection = Volatile.Read(ref _connection);
        // Turn output of an interrupted turn takes the queued path, which drops it.
        if (connection is null || item.Payload.Length > MaxInlineBytes || (item.TurnEpoch != 0 && item.TurnEpoch != _turn.Epoch)
            || !_budget.IsEmpty || !_sendLock.Wait(0))
        {
            return false;
        }
        // Re-checked under the lock: the writer reads the queue only while holding it (queued items hold budget until sent).
        if (!_budget.IsEmpty || _closed || IsStalled || _abort.IsCancellationRequested || Volatile.Read(ref _inlineFailure) is not null)
        {
            _sendLock.Release();
            return false;
        }
        BeginSend();
        ValueTask send;
        try
        {
            send = Send(connection, item, _abort);
        }
        catch (Exception exception)
        {
            send = ValueTask.FromException(exception);
        }
        if (send.IsCompletedSuccessfully)
        {
            EndSend(item);
            _sendLock.Release();
        }
        else
        {
            _ = FinishSendAsync(send, item);
        }
        return true;
    }

    private async Task FinishSendAsync(ValueTask send, OutboxItem item)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (Exception) when (IsStalled || _abort.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // The writer loop reports it and ends, as for a failure of its own send.
            if (Interlocked.CompareExchange(ref _inlineFailure, exception, null) is null)
            {
                Complete();
            }
        }
        finally
        {
            EndSend(item);
            _sendLock.Release();
        }
    }

    private void ArmTimer(TimeSpan due)
    {
        try
        {
            _timer!.Change(due, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // A sender's send that outlived an aborted writer: nothing is timed any more.
        }
    }

    private static ValueTask Send(RtviConnection connection, OutboxItem item, CancellationToken abort) =>
        item.IsAudio
            ? connection.SendAudioAsync(item.Payload.Memory, item.SampleRate, item.NumChannels, abort)
            : connection.SendMessageAsync(item.Payload.Memory, abort);

    private void BeginSend()
    {
        Volatile.Write(ref _sending, true);
        ArmTimer(sendTimeout);
    }

    private void EndSend(OutboxItem item)
    {
        ArmTimer(Timeout.InfiniteTimeSpan);
        Volatile.Write(ref _sending, false);
        // The transport is done with the bytes once its send has completed (or failed).
        item.Payload.Return();
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
        if (!_queue.TryWrite(item))
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
