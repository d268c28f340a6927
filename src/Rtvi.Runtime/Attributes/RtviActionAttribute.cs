namespace Rtvi;

/// <summary>
/// Marks a method as an RTVI action. Parameters bind from the action's arguments by name; the return value is the
/// action's result. 2.x clients reach the same action with a <c>client-message</c> whose type is <c>"service:action"</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RtviActionAttribute(string name) : Attribute
{
    /// <summary>The action's wire name, for example <c>"say"</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The owning service's name when the method is not declared in an <see cref="RtviServiceAttribute"/> class.</summary>
    public string? Service { get; set; }
}
