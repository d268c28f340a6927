using Rtvi.CodeAnalysis;

namespace Rtvi.Generators.Models
{
    /// <summary>How one value (a parameter or a result) travels between JSON and C#.</summary>
    /// <param name="Conversion">The conversion.</param>
    /// <param name="Wire">The wire type.</param>
    /// <param name="TypeName">The fully qualified C# type without nullability.</param>
    /// <param name="IsNullable">Whether JSON null is accepted.</param>
    /// <param name="IsNullableValueType">Whether the declared type is <c>Nullable&lt;T&gt;</c>.</param>
    /// <param name="BinderMethod">The <c>RtviBinder</c> method of a scalar conversion.</param>
    /// <param name="Element">The items of an array or list conversion.</param>
    /// <param name="JsonTypeKey">The type's key among the serializer context's explicit <c>TypeInfoPropertyName</c>s.</param>
    /// <param name="JsonPropertyName">The serializer context property System.Text.Json names by default.</param>
    internal sealed record ValueModel(
        ValueConversion Conversion,
        WireKind Wire,
        string TypeName,
        bool IsNullable,
        bool IsNullableValueType,
        string? BinderMethod,
        ValueModel? Element,
        string JsonTypeKey,
        string JsonPropertyName);
}
