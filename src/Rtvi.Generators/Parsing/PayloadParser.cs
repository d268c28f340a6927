using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rtvi.CodeAnalysis;
using Rtvi.Generators.Models;

namespace Rtvi.Generators.Parsing
{
    /// <summary>
    /// Finds calls that pass a value with its generated metadata, so the generator also emits metadata for the value's type:
    /// <c>session.Events.ServerMessageAsync(payload, typeInfo, …)</c>, and any call whose first argument is the value and
    /// another argument is <c>RtviGeneratedJson.Default.&lt;Type&gt;</c> (for example
    /// <c>JsonSerializer.SerializeToElement(arguments, RtviGeneratedJson.Default.LookupArgs)</c> for a client function call).
    /// </summary>
    internal static class PayloadParser
    {
        public const string MethodName = "ServerMessageAsync";

        /// <summary>Syntax only: a call with a value and a type-info argument, named <c>ServerMessageAsync</c> or passing <c>RtviGeneratedJson.Default.X</c>.</summary>
        public static bool IsCandidate(SyntaxNode node) =>
            node is InvocationExpressionSyntax invocation && invocation.ArgumentList.Arguments.Count >= 2 &&
            (invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: MethodName } || PassesGeneratedMetadata(invocation));

        // RtviGeneratedJson.Default.X or Rtvi.RtviGeneratedJson.Default.X (or global::…).
        private static bool PassesGeneratedMetadata(InvocationExpressionSyntax invocation)
        {
            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                if (argument.Expression is MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Default" } owner } &&
                    owner.Expression switch
                    {
                        IdentifierNameSyntax name => name.Identifier.ValueText == GeneratedNames.JsonClass,
                        MemberAccessExpressionSyntax qualified => qualified.Name.Identifier.ValueText == GeneratedNames.JsonClass,
                        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText == GeneratedNames.JsonClass,
                        _ => false,
                    })
                {
                    return true;
                }
            }
            return false;
        }

        public static EquatableArray<JsonTypeModel> Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
        {
            var known = KnownTypes.Get(context.SemanticModel.Compilation);
            var invocation = (InvocationExpressionSyntax)context.Node;
            if (!known.HasRuntime ||
                (!PassesGeneratedMetadata(invocation) && !CallsServerMessage(context.SemanticModel.GetSymbolInfo(invocation, cancellationToken), known)))
            {
                return EquatableArray<JsonTypeModel>.Empty;
            }
            // The type-info argument may not bind yet (it names generated code), so the payload's own type decides.
            var payload = context.SemanticModel.GetTypeInfo(invocation.ArgumentList.Arguments[0].Expression, cancellationToken).Type;
            if (payload is null || payload.TypeKind == TypeKind.Error || payload.SpecialType != SpecialType.None)
            {
                return EquatableArray<JsonTypeModel>.Empty;
            }
            var collector = new JsonTypeCollector(known);
            collector.Add(payload);
            return collector.Graph.ToEquatableArray();
        }

        private static bool CallsServerMessage(SymbolInfo info, KnownTypes known)
        {
            if (info.Symbol is IMethodSymbol method)
            {
                return KnownTypes.Is(method.ContainingType, known.RtviEvents);
            }
            foreach (var candidate in info.CandidateSymbols)
            {
                if (candidate is IMethodSymbol { IsGenericMethod: true } generic && KnownTypes.Is(generic.ContainingType, known.RtviEvents))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
