namespace Rtvi;

/// <summary>Thrown when a relayed function call gets no result from the client in time.</summary>
public sealed class RtviFunctionCallTimeoutException(string functionName)
    : TimeoutException($"The client did not answer the function call '{functionName}' in time.");
