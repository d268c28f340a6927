namespace Rtvi;

/// <summary>
/// Names a <c>System.Text.Json.Serialization.JsonSerializerContext</c> the bot owns. The generated binders use its
/// metadata for every type it covers (it wins over the metadata the generator emits); it is needed only for types the
/// generator cannot describe (polymorphic hierarchies, custom converters), which the analyzers point out.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class RtviJsonContextAttribute(Type contextType) : Attribute
{
    /// <summary>The serializer context type; it must derive from <c>JsonSerializerContext</c> and have a parameterless <c>Default</c>.</summary>
    public Type ContextType { get; } = contextType;
}
