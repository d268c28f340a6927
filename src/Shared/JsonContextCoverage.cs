using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Rtvi.CodeAnalysis
{
    /// <summary>
    /// The types a <c>JsonSerializerContext</c> provides metadata for: each <c>[JsonSerializable(typeof(T))]</c> and, as the
    /// System.Text.Json generator does, the types reachable from them (type arguments, array elements, public members).
    /// The analyzers report uncovered types with it (RTVI0200); the generator can use it to skip them.
    /// </summary>
    internal sealed class JsonContextCoverage
    {
        private readonly HashSet<ITypeSymbol> _types = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);

        public JsonContextCoverage(INamedTypeSymbol context, KnownTypes known)
        {
            foreach (var attribute in context.GetAttributes())
            {
                if (KnownTypes.Is(attribute.AttributeClass, known.JsonSerializableAttribute) &&
                    attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is ITypeSymbol type)
                {
                    Add(type);
                }
            }
        }

        /// <summary>Every covered type (without nullability), in no particular order.</summary>
        public IEnumerable<ITypeSymbol> Types => _types;

        /// <summary>Whether the context has metadata for <paramref name="type"/> (nullability ignored).</summary>
        public bool Covers(ITypeSymbol type) => _types.Contains(Strip(type));

        private void Add(ITypeSymbol type)
        {
            type = Strip(type);
            if (!_types.Add(type))
            {
                return;
            }
            switch (type)
            {
                case IArrayTypeSymbol array:
                    Add(array.ElementType);
                    break;
                case INamedTypeSymbol named:
                    foreach (var argument in named.TypeArguments)
                    {
                        Add(argument);
                    }
                    if (IsUserObject(named))
                    {
                        AddMembers(named);
                    }
                    break;
            }
        }

        private void AddMembers(INamedTypeSymbol type)
        {
            for (var current = type; current != null && IsUserObject(current); current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public)
                    {
                        continue;
                    }
                    if (member is IPropertySymbol { IsIndexer: false } property)
                    {
                        Add(property.Type);
                    }
                    else if (member is IFieldSymbol field)
                    {
                        Add(field.Type);
                    }
                }
            }
        }

        // BCL types are serialized by built-in converters: their members are not part of the graph.
        private static bool IsUserObject(INamedTypeSymbol type) =>
            (type.TypeKind == TypeKind.Class || type.TypeKind == TypeKind.Struct) && !JsonTypeDescriber.IsInSystemNamespace(type);

        private static ITypeSymbol Strip(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                ? nullable.TypeArguments[0]
                : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
    }
}
