namespace Rtvi;

/// <summary>
/// Names the <c>System.Text.Json.Serialization.JsonSerializerContext</c> whose type metadata the generated binders use
/// for complex parameter and result types (records, classes, collections of them).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class RtviJsonContextAttribute(Type contextType) : Attribute
{
    /// <summary>The serializer context type; it must derive from <c>JsonSerializerContext</c> and have a parameterless <c>Default</c>.</summary>
    public Type ContextType { get; } = contextType;
}
