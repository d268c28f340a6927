namespace Rtvi;

/// <summary>
/// Marks a class as an RTVI service: its <see cref="RtviOptionAttribute"/> and <see cref="RtviActionAttribute"/>
/// methods belong to the service named <see cref="Name"/>. Instances are resolved per session from dependency injection.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RtviServiceAttribute(string name) : Attribute
{
    /// <summary>The service's wire name, for example <c>"tts"</c>.</summary>
    public string Name { get; } = name;
}
