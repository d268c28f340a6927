namespace Rtvi.Sessions;

/// <summary>
/// What one item of lane work holds while queued or running: one of a count of its own and its bytes of the session's
/// shared byte budget. Taking never waits; an item holds both until released.
/// </summary>
internal sealed class LaneBudget(QueueBudget count, QueueBudget sharedBytes)
{
    /// <summary>Takes room for one item of <paramref name="bytes"/>; false (nothing taken) when either budget is full.</summary>
    public bool TryTake(long bytes)
    {
        if (!count.TryTake(0))
        {
            return false;
        }
        if (sharedBytes.TryTake(bytes))
        {
            return true;
        }
        count.Release(0);
        return false;
    }

    public void Release(long bytes)
    {
        sharedBytes.Release(bytes);
        count.Release(0);
    }
}
