using System.Text.Json.Serialization.Metadata;
using Rtvi.Protocol;

namespace Rtvi;

/// <summary>
/// The answer to a <c>client-message</c> that its handler gives later (<see cref="RtviClientMessageContext.Defer"/>): the
/// handler returns at once, freeing the action lane, and the app answers exactly once with
/// <see cref="RespondAsync(RtviResult, CancellationToken)"/> (<c>server-response</c>) or <see cref="FailAsync"/>
/// (<c>error-response</c>). Unanswered at the timeout, the client gets <c>error-response</c>
/// "<see cref="RtviErrorText.ResponseTimedOut"/>". Thread-safe; later answers return false and send nothing.
/// </summary>
public sealed class RtviDeferredResponse
{
    private readonly RtviSession _session;
    private readonly string _id;
    private readonly Timer _timer;
    private int _settled;

    internal RtviDeferredResponse(RtviSession session, string id, string messageType, TimeSpan timeout)
    {
        _session = session;
        _id = id;
        MessageType = messageType;
        _timer = new Timer(static s => ((RtviDeferredResponse)s!).OnTimeout(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The client-message type (<c>t</c>) being answered.</summary>
    public string MessageType { get; }

    /// <summary>Whether the request has been answered (by the app, the handler's failure or the timeout).</summary>
    public bool IsAnswered => Volatile.Read(ref _settled) != 0;

    /// <summary>Answers with <c>server-response</c> whose <c>d</c> is <paramref name="result"/>; false when already answered.</summary>
    public async ValueTask<bool> RespondAsync(RtviResult result, CancellationToken cancellationToken = default)
    {
        if (!TrySettle())
        {
            return false;
        }
        await _session.SendAsync(ServerMessageWriter.ServerResponse(_id, MessageType, result), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Answers with <c>server-response</c> whose <c>d</c> is serialized through source-generated metadata.</summary>
    public ValueTask<bool> RespondAsync<T>(T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default) =>
        RespondAsync(RtviResult.FromJson(value, typeInfo), cancellationToken);

    /// <summary>Answers with <c>error-response</c> carrying <paramref name="error"/> (shown to the client as is); false when already answered.</summary>
    public async ValueTask<bool> FailAsync(string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!TrySettle())
        {
            return false;
        }
        await _session.SendAsync(ServerMessageWriter.ErrorResponse(_id, error), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Claims the one answer; the handler's failure claims it too, so a late answer sends nothing.</summary>
    internal bool TrySettle()
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0)
        {
            return false;
        }
        _timer.Dispose();
        return true;
    }

    private void OnTimeout()
    {
        if (TrySettle())
        {
            _ = _session.SendAsync(ServerMessageWriter.ErrorResponse(_id, RtviErrorText.ResponseTimedOut)).AsTask();
        }
    }
}
