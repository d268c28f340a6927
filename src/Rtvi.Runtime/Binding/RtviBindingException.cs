namespace Rtvi;

/// <summary>
/// Thrown by binders when a value cannot be bound (missing required argument, wrong JSON type, out of range).
/// The processor answers the request with <c>error-response</c> "Invalid message: " + <see cref="Exception.Message"/>,
/// so the message must be a fixed text naming the argument, never the value.
/// </summary>
public sealed class RtviBindingException(string message) : Exception(message);

/// <summary>
/// Thrown by a handler to answer its request with an <c>error-response</c> carrying <see cref="Exception.Message"/>
/// verbatim. Any other exception is answered with a generic text and logged.
/// </summary>
public sealed class RtviRequestException(string error) : Exception(error);
