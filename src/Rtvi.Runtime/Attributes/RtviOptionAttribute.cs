namespace Rtvi;

/// <summary>
/// Marks a method as the handler of a service option. The method takes exactly one value parameter whose C# type
/// determines the option's wire type; it runs whenever the option is set (initial config and <c>update-config</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RtviOptionAttribute(string name) : Attribute
{
    /// <summary>The option's wire name, for example <c>"voice"</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The owning service's name when the method is not declared in an <see cref="RtviServiceAttribute"/> class.</summary>
    public string? Service { get; set; }
}
