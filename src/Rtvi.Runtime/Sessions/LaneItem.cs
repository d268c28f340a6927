namespace Rtvi.Sessions;

/// <summary>
/// One queued piece of lane work, held by value so that posting a request allocates nothing: the handler
/// (<see cref="RtviActionDescriptor"/> or <see cref="RtviClientMessageDescriptor"/>) or other work
/// (<see cref="Func{TResult}"/> of <see cref="ValueTask"/>) in <see cref="Target"/>, what it is given in
/// <see cref="Argument"/>, and the request's id and client-message type. The default item only wakes the lane.
/// </summary>
internal readonly record struct LaneItem(string Id, string? T, object Target, object? Argument, long Bytes)
{
    public bool IsWake => Target is null;
}
