using Rtvi.CodeAnalysis;

namespace Rtvi.Generators.Models
{
    /// <summary>A property of an object type, as <c>JsonPropertyInfoValues</c> needs it.</summary>
    /// <param name="Name">The C# property name.</param>
    /// <param name="TypeName">The property's type (fully qualified, without nullable annotations).</param>
    /// <param name="DeclaringType">The type declaring the property.</param>
    /// <param name="JsonName">The <c>[JsonPropertyName]</c>, or null.</param>
    /// <param name="IgnoreCondition">The <c>JsonIgnoreCondition</c> of a conditional <c>[JsonIgnore]</c>, or null.</param>
    /// <param name="IsRequired"><c>required</c> or <c>[JsonRequired]</c>.</param>
    /// <param name="HasSetter">A public, non-init setter.</param>
    /// <param name="IsInitOnly">An init-only setter (the value goes through the creator; the setter only throws).</param>
    /// <param name="IsNonNullable">A non-nullable reference type: JSON null is rejected.</param>
    /// <param name="IsVirtual">Whether the property is virtual or an override.</param>
    /// <param name="Order">The <c>[JsonPropertyOrder]</c>, or null.</param>
    internal sealed record JsonPropertyModel(
        string Name,
        string TypeName,
        string DeclaringType,
        string? JsonName,
        int? IgnoreCondition,
        bool IsRequired,
        bool HasSetter,
        bool IsInitOnly,
        bool IsNonNullable,
        bool IsVirtual,
        int? Order);

    /// <summary>A constructor parameter or a member set in the creator's object initializer.</summary>
    /// <param name="Name">The parameter's (or property's) name.</param>
    /// <param name="TypeName">Its type (fully qualified, without nullable annotations).</param>
    /// <param name="DefaultValue">The C# default value expression of an optional parameter, or null.</param>
    /// <param name="IsNullable">Whether JSON null is accepted.</param>
    /// <param name="IsMemberInitializer">An init-only or required property (not a constructor parameter).</param>
    internal sealed record JsonParameterModel(string Name, string TypeName, string? DefaultValue, bool IsNullable, bool IsMemberInitializer);

    /// <summary>One type of the generated resolver, reflection-free metadata emitted from it.</summary>
    /// <param name="TypeName">The fully qualified type (no nullable annotations).</param>
    /// <param name="Identifier">A unique C# identifier derived from the type (names the factory method).</param>
    /// <param name="PropertyName">The property name System.Text.Json would give it (<c>ListForecast</c>).</param>
    /// <param name="Kind">How it is described.</param>
    /// <param name="Converter">The built-in converter of a value type.</param>
    /// <param name="ElementType">The item, dictionary value or underlying type.</param>
    /// <param name="IsValueType">Whether the type is a struct.</param>
    /// <param name="Properties">The object's properties.</param>
    /// <param name="UsesParameterizedCreator">Whether objects are created from arguments (constructor parameters, init-only or required members).</param>
    /// <param name="Parameters">The constructor parameters, then the member initializers.</param>
    internal sealed record JsonTypeModel(
        string TypeName,
        string Identifier,
        string PropertyName,
        JsonTypeKind Kind,
        string? Converter,
        string? ElementType,
        bool IsValueType,
        EquatableArray<JsonPropertyModel> Properties,
        bool UsesParameterizedCreator,
        EquatableArray<JsonParameterModel> Parameters);

    /// <summary>The generated resolver file's input.</summary>
    /// <param name="HasRuntime">Whether <c>Rtvi.Runtime</c> is referenced.</param>
    /// <param name="NamingPolicy">The <c>JsonNamingPolicy</c> property from <c>[assembly: RtviJson]</c>, or null.</param>
    /// <param name="Types">Every type, once, ordered by <see cref="JsonTypeModel.TypeName"/>.</param>
    internal sealed record JsonResolverModel(bool HasRuntime, string? NamingPolicy, EquatableArray<JsonTypeModel> Types);
}
