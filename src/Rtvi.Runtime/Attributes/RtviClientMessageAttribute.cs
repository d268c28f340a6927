namespace Rtvi;

/// <summary>
/// Marks a method as the handler of a 2.x <c>client-message</c> of type <see cref="Type"/>. The message's <c>d</c> binds
/// to the single data parameter (if any); the return value becomes the <c>server-response</c>'s <c>d</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RtviClientMessageAttribute(string type) : Attribute
{
    /// <summary>The client-message type (<c>t</c>) this method answers.</summary>
    public string Type { get; } = type;

    /// <summary>
    /// Whether messages of this type run concurrently (each as it arrives, beside the action lane and each other) instead
    /// of one at a time on the action lane. Still bounded by the session's pending limits, answered exactly once and
    /// cancelled at the session's end; the handler must be safe to run concurrently with itself. Default false.
    /// </summary>
    public bool Concurrent { get; set; }
}
