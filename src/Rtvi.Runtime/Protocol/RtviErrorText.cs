namespace Rtvi.Protocol;

/// <summary>
/// The fixed error texts sent to clients. Client-supplied names are echoed only where the protocol fixes the text,
/// and then truncated; exception messages and payloads are never echoed.
/// </summary>
public static class RtviErrorText
{
    /// <summary>The prefix of every payload-validation <c>error-response</c>.</summary>
    public const string InvalidMessagePrefix = "Invalid message: ";
    /// <summary>The prefix of every envelope-validation <c>error</c> event.</summary>
    public const string InvalidTransportMessagePrefix = "Invalid RTVI transport message: ";
    /// <summary>Sent when a handler throws: details go to the log only.</summary>
    public const string HandlerFailed = "Error processing request";
    /// <summary>Held requests still waiting when the handshake deadline passes.</summary>
    public const string BotNotReady = "Bot not ready";
    /// <summary>A bounded queue (held requests, actions, function calls) is full.</summary>
    public const string TooManyRequests = "Too many pending requests";
    /// <summary>No <c>client-ready</c> arrived within the handshake deadline: the fatal <c>error</c> before the session ends.</summary>
    public const string HandshakeTimedOut = "Handshake timed out: no client-ready";
    /// <summary>The client sent more than the pre-handshake budget before <c>client-ready</c>: the fatal <c>error</c>.</summary>
    public const string TooMuchBeforeClientReady = "Too much data before client-ready";
    /// <summary>The server is shutting down: the fatal <c>error</c> every session gets.</summary>
    public const string ServerShuttingDown = "Server shutting down";
    /// <summary>The server is at its session limit: the fatal <c>error</c> a connection beyond it gets.</summary>
    public const string ServerBusy = "Server busy";
    /// <summary>A function-call result whose <c>tool_call_id</c> is not pending.</summary>
    public const string UnknownToolCall = "no pending function call has this tool_call_id";
    /// <summary>A function-call result whose <c>function_name</c> differs from the pending call's.</summary>
    public const string ToolCallNameMismatch = "function_name does not match the pending call";
    /// <summary>A deferred <c>client-message</c> answer did not come in time.</summary>
    public const string ResponseTimedOut = "Timed out waiting for a response";
    /// <summary>2.x handshake: no client version.</summary>
    public const string ClientVersionUnknown = "Client version unknown. Compatibility issues may occur.";

    internal const string UnsupportedTypePrefix = "Unsupported type ";
    internal const string ActionNotRegisteredSuffix = " not registered";
    internal const string NoClientMessageHandlerPrefix = "No handler for client-message type ";
    internal const string CompatibilitySuffix = "Compatibility issues may occur.";

    private const int MaxEcho = 64;

    /// <summary><c>Unsupported type &lt;type&gt;</c>.</summary>
    public static string UnsupportedType(string type) => UnsupportedTypePrefix + Echo(type);
    /// <summary><c>Action &lt;service&gt;:&lt;action&gt; not registered</c>.</summary>
    public static string ActionNotRegistered(string service, string action) => $"Action {Echo(service)}:{Echo(action)}{ActionNotRegisteredSuffix}";
    /// <summary><c>Invalid message: &lt;reason&gt;</c>.</summary>
    public static string InvalidMessage(string reason) => InvalidMessagePrefix + reason;
    /// <summary><c>Invalid RTVI transport message: &lt;reason&gt;</c>.</summary>
    public static string InvalidTransportMessage(string reason) => InvalidTransportMessagePrefix + reason;
    /// <summary>2.x handshake: a version that is not three integers.</summary>
    public static string InvalidClientVersionFormat(string version) => $"Invalid client version format ({Echo(version)}). {CompatibilitySuffix}";
    /// <summary>2.x handshake: a version whose major is neither 1 nor 2.</summary>
    public static string IncompatibleClientVersion(string version) =>
        $"RTVI version {Echo(version)} is not compatible with server protocol {RtviProtocolVersions.V2_1}. {CompatibilitySuffix}";
    /// <summary>A 2.x <c>client-message</c> type nobody handles.</summary>
    public static string NoClientMessageHandler(string type) => NoClientMessageHandlerPrefix + Echo(type);

    /// <summary>Bounds a client-supplied name before it is echoed, never splitting a surrogate pair.</summary>
    public static string Echo(string value)
    {
        if (value.Length <= MaxEcho)
        {
            return value;
        }
        var length = char.IsHighSurrogate(value[MaxEcho - 1]) ? MaxEcho - 1 : MaxEcho;
        return string.Concat(value.AsSpan(0, length), "…");
    }
}
