using Microsoft.Extensions.Logging;

namespace Rtvi.Sessions;

/// <summary>
/// Work of one session that runs as it arrives, each item beside the others (client messages registered as concurrent):
/// bounded like a lane by its <see cref="LaneBudget"/>, which every item holds until it finishes, so the count and bytes
/// of work running and waiting stay within the session's limits. Posting never waits.
/// </summary>
internal sealed class ConcurrentLane(string name, LaneBudget budget, Func<LaneItem, ValueTask> run)
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private bool _completed;

    /// <summary>The lane's name for logs.</summary>
    public string Name { get; } = name;

    /// <summary>Starts <paramref name="item"/> on the thread pool; false when the budget is full or the lane completed.</summary>
    public bool TryPost(LaneItem item, ILogger logger, string sessionId, CancellationToken ended)
    {
        lock (_lock)
        {
            if (_completed || !budget.TryTake(item.Bytes))
            {
                return false;
            }
            _running++;
        }
        _ = Task.Run(() => RunAsync(item, logger, sessionId, ended), CancellationToken.None);
        return true;
    }

    /// <summary>Accepts no more work.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
            if (_running == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Completes once <see cref="Complete"/> was called and every started item finished (items see the session's end through their token).</summary>
    public Task Drained => _drained.Task;

    private async Task RunAsync(LaneItem item, ILogger logger, string sessionId, CancellationToken ended)
    {
        await WorkLane.RunItemAsync(run, item, budget, logger, sessionId, Name, ended).ConfigureAwait(false);
        lock (_lock)
        {
            if (--_running == 0 && _completed)
            {
                _drained.TrySetResult();
            }
        }
    }
}
