namespace Rtvi;

/// <summary>
/// Declares an argument of an <see cref="RtviActionAttribute"/> action that takes the raw <see cref="RtviArguments"/> map,
/// so <c>describe-actions</c> can list it. The map itself is passed as sent (nothing is checked against declarations).
/// Actions with typed parameters declare their arguments through those parameters instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class RtviArgumentAttribute(string name, RtviWireType type) : Attribute
{
    /// <summary>The argument's wire name.</summary>
    public string Name { get; } = name;

    /// <summary>The argument's declared wire type.</summary>
    public RtviWireType Type { get; } = type;

    /// <summary>Whether the argument may be omitted.</summary>
    public bool IsOptional { get; set; }
}
