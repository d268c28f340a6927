using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rtvi.CodeAnalysis;
using Rtvi.Generators.Models;

namespace Rtvi.Generators.Parsing
{
    /// <summary>
    /// Finds <c>session.Events.ServerMessageAsync(payload, typeInfo, …)</c> calls, so the generator also emits metadata for the
    /// payload's type (the author passes <c>RtviGeneratedJson.Default.&lt;Type&gt;</c> or <c>RtviGeneratedJson.TypeInfo&lt;T&gt;()</c>).
    /// </summary>
    internal static class PayloadParser
    {
        public const string MethodName = "ServerMessageAsync";

        /// <summary>Syntax only: a call named <c>ServerMessageAsync</c> with at least a payload and a type-info argument.</summary>
        public static bool IsCandidate(SyntaxNode node) =>
            node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: MethodName } } invocation &&
            invocation.ArgumentList.Arguments.Count >= 2;

        public static EquatableArray<JsonTypeModel> Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
        {
            var known = KnownTypes.Get(context.SemanticModel.Compilation);
            var invocation = (InvocationExpressionSyntax)context.Node;
            if (!known.HasRuntime || !CallsServerMessage(context.SemanticModel.GetSymbolInfo(invocation, cancellationToken), known))
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
