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
}

/// <summary>The context of a <c>client-message</c> handler.</summary>
public sealed class RtviClientMessageContext : RtviHandlerContext
{
    internal RtviClientMessageContext(RtviSession session, string? requestId, string messageType)
        : base(session, requestId) => MessageType = messageType;

    /// <summary>The client-message type (<c>t</c>).</summary>
    public string MessageType { get; }
}
