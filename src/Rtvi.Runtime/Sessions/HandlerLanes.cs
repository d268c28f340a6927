using Microsoft.Extensions.Logging;
using Rtvi.Protocol;

namespace Rtvi.Sessions;

/// <summary>
/// A session's two work lanes, actions and client messages on one, app events (send-text, dtmf, ui-*) on the other, and
/// the concurrent client messages beside them (sharing the action lane's count), with the byte budget they share with
/// the requests held for bot-ready. Handlers run here, off the dispatcher, and
/// every request posted gets exactly one answer: the response, an <c>error-response</c>, or "Too many pending requests"
/// when its lane or the budget is full.
/// </summary>
internal sealed class HandlerLanes
{
    private readonly RtviSession _session;
    private readonly ILogger _logger;
    private readonly WorkLane _actions;
    private readonly WorkLane _events;
    private readonly ConcurrentLane _concurrent;

    public HandlerLanes(RtviSession session, RtviLimits limits, ILogger logger)
    {
        _session = session;
        _logger = logger;
        PendingBytes = new QueueBudget(int.MaxValue, limits.MaxPendingBytes);
        // A running item holds its room until it finishes: capacity items queue behind the running one.
        var actions = new LaneBudget(new QueueBudget(limits.MaxPendingActions + 1, long.MaxValue), PendingBytes);
        _actions = new WorkLane("the action lane", actions, RunAsync);
        _events = new WorkLane("the event lane", new LaneBudget(new QueueBudget(limits.MaxPendingEvents + 1, long.MaxValue), PendingBytes), RunAsync);
        _concurrent = new ConcurrentLane("the concurrent client messages", actions, RunAsync);
    }

    /// <summary>Bytes of held and queued requests, bounded by <see cref="RtviLimits.MaxPendingBytes"/>.</summary>
    public QueueBudget PendingBytes { get; }

    /// <summary>
    /// Runs both lanes until <see cref="Complete"/> and empty queues, or until <paramref name="ended"/>; completes once
    /// the concurrent client messages finished too.
    /// </summary>
    public Task RunAsync(CancellationToken ended) => Task.WhenAll(
        Task.Run(() => _actions.RunAsync(_logger, _session.Id, ended), CancellationToken.None),
        Task.Run(() => _events.RunAsync(_logger, _session.Id, ended), CancellationToken.None),
        _concurrent.Drained);

    /// <summary>Accepts no more work.</summary>
    public void Complete()
    {
        _actions.Complete();
        _events.Complete();
        _concurrent.Complete();
    }

    /// <summary>Queues an action; <paramref name="t"/> is the client-message type for a 2.x <c>server-response</c>, null for <c>action-response</c>.</summary>
    public ValueTask PostActionAsync(string id, RtviActionDescriptor action, RtviArguments arguments, string? t, long bytes) =>
        PostAsync(_actions, t is null ? RtviMessageTypes.Action : RtviMessageTypes.ClientMessage, new LaneItem(id, t, action, arguments, bytes));

    /// <summary>Queues a <c>client-message</c> for its handler, or starts it at once when the handler is concurrent.</summary>
    public ValueTask PostClientMessageAsync(string id, RtviClientMessageDescriptor handler, ClientMessageRequest request, long bytes)
    {
        var item = new LaneItem(id, request.T, handler, request, bytes);
        return handler.IsConcurrent
            ? Posted(_concurrent.TryPost(item, _logger, _session.Id, _session.Ended), _concurrent.Name, RtviMessageTypes.ClientMessage, item)
            : PostAsync(_actions, RtviMessageTypes.ClientMessage, item);
    }

    /// <summary>Queues an app hook on the event lane with a token cancelled by the next interruption or session end.</summary>
    public ValueTask PostEventAsync<T>(string id, string type, long bytes, string name, Func<RtviSession, T, CancellationToken, ValueTask>? hook, T request)
    {
        if (hook is null)
        {
            return default;
        }
        var interruption = _session.InterruptionToken;
        Func<ValueTask> work = async () =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(interruption, _session.Ended);
            await _session.RunHookAsync(name, hook, (h, s, ct) => h(s, request, ct), inline: false, linked.Token).ConfigureAwait(false);
        };
        return PostAsync(_events, type, new LaneItem(id, null, work, null, bytes));
    }

    private ValueTask PostAsync(WorkLane lane, string type, LaneItem item) => Posted(lane.TryPost(item), lane.Name, type, item);

    private ValueTask Posted(bool posted, string lane, string type, LaneItem item)
    {
        if (posted)
        {
            return default;
        }
        (item.Argument as RtviArguments)?.Release();
        Log.LaneFull(_logger, _session.Id, lane, LogText.Escape(type));
        return _session.SendAsync(ServerMessageWriter.ErrorResponse(item.Id, RtviErrorText.TooManyRequests));
    }

    private ValueTask RunAsync(LaneItem item) => item.Target switch
    {
        RtviActionDescriptor action => RespondToActionAsync(item, action),
        RtviClientMessageDescriptor => RespondAsync(item.Id, item.T, item.T!, item),
        _ => ((Func<ValueTask>)item.Target)(),
    };

    private async ValueTask RespondToActionAsync(LaneItem item, RtviActionDescriptor action)
    {
        try
        {
            await RespondAsync(item.Id, item.T, action.Key, item).ConfigureAwait(false);
        }
        finally
        {
            // The answer is written: the request's document goes back to the pool.
            ((RtviArguments)item.Argument!).Release();
        }
    }

    private ValueTask<RtviResult> InvokeAsync(LaneItem item, RtviHandlerContext context) => item.Target is RtviActionDescriptor action
        ? action.Handler((RtviActionContext)context, (RtviArguments)item.Argument!, _session.Ended)
        : ((RtviClientMessageDescriptor)item.Target).Handler((RtviClientMessageContext)context, ((ClientMessageRequest)item.Argument!).D, _session.Ended);

    /// <summary>
    /// Runs a handler and sends exactly one answer: the response, or an <c>error-response</c>; a client-message handler
    /// that deferred its answer (<see cref="RtviClientMessageContext.Defer"/>) gives it later, unless it fails here.
    /// </summary>
    private async ValueTask RespondAsync(string id, string? t, string what, LaneItem item)
    {
        RtviHandlerContext context = item.Target is RtviActionDescriptor action
            ? new RtviActionContext(_session, id, action.Service, action.Name)
            : new RtviClientMessageContext(_session, id, ((ClientMessageRequest)item.Argument!).T);
        var deferrable = context as RtviClientMessageContext;
        OutboundMessage answer;
        Action? afterAnswer = null;
        try
        {
            var result = await RtviTelemetry.MeasureAsync(
                t is null ? RtviMessageTypes.Action : RtviMessageTypes.ClientMessage, what, (Lanes: this, Item: item, Context: context),
                static s => s.Lanes.InvokeAsync(s.Item, s.Context)).ConfigureAwait(false);
            if (deferrable?.Deferred is not null)
            {
                return;
            }
            afterAnswer = (context as RtviActionContext)?.AfterAnswer;
            answer = t is null ? ServerMessageWriter.ActionResponse(id, result) : ServerMessageWriter.ServerResponse(id, t, result);
        }
        catch (RtviBindingException exception)
        {
            answer = ServerMessageWriter.ErrorResponse(id, RtviErrorText.InvalidMessage(exception.Message));
        }
        catch (RtviRequestException exception)
        {
            answer = ServerMessageWriter.ErrorResponse(id, exception.Message);
        }
        catch (OperationCanceledException) when (_session.Ended.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            Log.HandlerFailed(_logger, exception, _session.Id, what);
            answer = ServerMessageWriter.ErrorResponse(id, RtviErrorText.HandlerFailed);
        }
        if (deferrable?.Deferred is { } deferred && !deferred.TrySettle())
        {
            answer.Return();
            return;
        }
        await _session.SendAsync(answer).ConfigureAwait(false);
        if (afterAnswer is not null && !_session.Ended.IsCancellationRequested)
        {
            try
            {
                afterAnswer();
            }
            catch (Exception exception)
            {
                Log.HandlerFailed(_logger, exception, _session.Id, what);
            }
        }
    }
}
