namespace Rtvi.Tests.Reliability;

/// <summary>The real transports a hostile client is tried over.</summary>
public enum Wire
{
    /// <summary>Kestrel WebSocket, binary messages of protobuf <c>pipecat.Frame</c> (the official client's framing).</summary>
    WebSocketBinary,
    /// <summary>Kestrel WebSocket, text messages of one JSON envelope each.</summary>
    WebSocketText,
    /// <summary>Newline-delimited JSON over a pair of pipes (what stdio carries).</summary>
    Ndjson,
}
