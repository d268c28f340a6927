namespace Rtvi;

/// <summary>What every handler can reach: its session, the session's services and the request it answers.</summary>
public abstract class RtviHandlerContext
{
    private protected RtviHandlerContext(RtviSession session, string? requestId)
    {
        Session = session;
        RequestId = requestId;
    }

    /// <summary>The client session the request came from.</summary>
    public RtviSession Session { get; }

    /// <summary>The session-scoped service provider (handler instances come from here).</summary>
    public IServiceProvider Services => Session.Services;

    /// <summary>The id of the request being handled; <c>null</c> when the handler runs outside a request (initial config).</summary>
    public string? RequestId { get; }
}

/// <summary>The context of an option handler.</summary>
public sealed class RtviOptionContext : RtviHandlerContext
{
    internal RtviOptionContext(RtviSession session, string? requestId, string service, string option)
        : base(session, requestId)
    {
        Service = service;
        Option = option;
    }

    /// <summary>The service name.</summary>
    public string Service { get; }

    /// <summary>The option name.</summary>
    public string Option { get; }

    /// <summary>Whether the value comes from the initial config applied when the bot becomes ready.</summary>
    public bool IsInitial => RequestId is null;
}

/// <summary>The context of an action handler.</summary>
public sealed class RtviActionContext : RtviHandlerContext
{
    internal RtviActionContext(RtviSession session, string? requestId, string service, string action)
        : base(session, requestId)
    {
        Service = service;
        Action = action;
    }

    /// <summary>The service name.</summary>
    public string Service { get; }

    /// <summary>The action name.</summary>
    public string Action { get; }

    /// <summary>The work to start once the answer is queued, if the handler asked for it.</summary>
    internal Action? AfterAnswer { get; private set; }

    /// <summary>
    /// Starts <paramref name="work"/> once the action's successful answer (<c>action-response</c>, or the 2.x
    /// <c>server-response</c>) is queued for the client, so whatever it sends follows the answer. It runs on the action
    /// lane and must return quickly (start background work, do not await it); it is not run when the action fails or the
    /// session ends first. Called again, the works run in the order given.
    /// </summary>
    public void RunAfterAnswer(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        AfterAnswer += work;
    }
}

/// <summary>The context of a <c>client-message</c> handler.</summary>
public sealed class RtviClientMessageContext : RtviHandlerContext
{
    internal RtviClientMessageContext(RtviSession session, string? requestId, string messageType)
        : base(session, requestId) => MessageType = messageType;

    /// <summary>The client-message type (<c>t</c>).</summary>
    public string MessageType { get; }

    /// <summary>The later answer, once the handler called <see cref="Defer"/>.</summary>
    internal RtviDeferredResponse? Deferred { get; private set; }

    /// <summary>
    /// Answers later: the handler's return value is ignored and no answer is sent when it returns; the app answers once
    /// through the returned object, or the client gets an <c>error-response</c> after <paramref name="timeout"/> (default
    /// 10 s, the JS client's own request timeout). A handler that throws after deferring is answered with the usual error.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called twice.</exception>
    public RtviDeferredResponse Defer(TimeSpan? timeout = null)
    {
        if (Deferred is not null)
        {
            throw new InvalidOperationException("The answer is already deferred.");
        }
        return Deferred = new RtviDeferredResponse(Session, RequestId ?? "", MessageType, timeout ?? TimeSpan.FromSeconds(10));
    }
}
