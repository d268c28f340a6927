using Microsoft.Extensions.Logging;

namespace Rtvi.Sessions;

/// <summary>
/// A sequential work queue of one session (actions and client messages, or app events): items run one at a time in
/// arrival order on the lane's own loop, so a slow handler never blocks the dispatcher. Bounded by its
/// <see cref="LaneBudget"/> (a count, and the session's shared byte budget); posting never waits.
/// </summary>
internal sealed class WorkLane
{
    private readonly SlimQueue<LaneItem> _queue = new();
    private readonly Func<LaneItem, ValueTask> _run;
    private readonly LaneBudget _budget;

    public WorkLane(string name, LaneBudget budget, Func<LaneItem, ValueTask> run)
    {
        Name = name;
        _run = run;
        _budget = budget;
    }

    /// <summary>The lane's name for logs.</summary>
    public string Name { get; }

    /// <summary>Queues <paramref name="item"/> accounted as its bytes; false when the lane or the byte budget is full.</summary>
    public bool TryPost(LaneItem item)
    {
        if (!_budget.TryTake(item.Bytes))
        {
            return false;
        }
        if (_queue.TryWrite(item))
        {
            return true;
        }
        _budget.Release(item.Bytes);
        return false;
    }

    /// <summary>Accepts no more work; the loop ends once the queue is empty.</summary>
    public void Complete() => _queue.TryComplete();

    /// <summary>Runs queued work until <see cref="Complete"/> and an empty queue, or until <paramref name="cancellationToken"/>.</summary>
    public async Task RunAsync(ILogger logger, string sessionId, CancellationToken cancellationToken)
    {
        // A wait given the token allocates on every wake-up; the token wakes the loop with an empty item instead.
        using var wake = cancellationToken.Register(static lane => ((WorkLane)lane!)._queue.TryWrite(default), this);
        var reader = _queue;
        while (!cancellationToken.IsCancellationRequested && await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (!cancellationToken.IsCancellationRequested && reader.TryRead(out var item))
            {
                if (item.IsWake)
                {
                    continue;
                }
                await RunItemAsync(_run, item, _budget, logger, sessionId, Name, cancellationToken).ConfigureAwait(false);
            }
        }
        // Work that never ran is dropped with the session; give its budget back.
        while (reader.TryRead(out var dropped))
        {
            if (!dropped.IsWake)
            {
                _budget.Release(dropped.Bytes);
            }
        }
    }

    /// <summary>Runs one item of lane work, then gives its budget back; anything escaping the work is logged.</summary>
    internal static async ValueTask RunItemAsync(
        Func<LaneItem, ValueTask> run, LaneItem item, LaneBudget budget, ILogger logger, string sessionId, string lane, CancellationToken cancellationToken)
    {
        try
        {
            await run(item).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // Work answers its own request; anything escaping it is a bug, not a reason to stop the lane.
            Log.HandlerFailed(logger, exception, sessionId, lane);
        }
        finally
        {
            budget.Release(item.Bytes);
        }
    }
}
