using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Rtvi.Generators.Parsing
{
    /// <summary>How symbols are spelled in generated code.</summary>
    internal static class SymbolNames
    {
        private static readonly SymbolDisplayFormat Qualified = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly SymbolDisplayFormat Metadata = new SymbolDisplayFormat(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.None);

        /// <summary><c>global::</c>-qualified, with nullable annotations (<c>global::System.Collections.Generic.List&lt;string?&gt;</c>).</summary>
        public static string Type(ITypeSymbol type) => type.ToDisplayString(Qualified);

        /// <summary>Without nullable annotations: the key for serializer-context lookups.</summary>
        public static string TypeKey(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)
            .ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        /// <summary>Namespace and containing types, dot-separated, for hint names (<c>MyBot.TtsService</c>).</summary>
        public static string MetadataName(INamedTypeSymbol type) => type.ToDisplayString(Metadata);

        /// <summary>An identifier usable in code (<c>@class</c> for keywords).</summary>
        public static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.AwaitKeyword
                ? "@" + name
                : name;
    }
}
