using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Rtvi.CodeAnalysis;

namespace Rtvi.Analyzers
{
    /// <summary>Builds the invalid-name diagnostic: what is allowed, and a suggestion the code fix applies.</summary>
    internal static class NameDiagnostics
    {
        /// <summary>The diagnostic property holding the suggested valid name.</summary>
        public const string SuggestedNameProperty = "SuggestedName";

        /// <summary>What a valid wire name looks like, as the messages say it.</summary>
        public const string WireNameRule =
            "wire names are lowercase letters and digits, start with a letter, and separate words with a single '_' or '-' (for example 'set_voice')";

        private const string ClientMessageTypeRule =
            "client-message types are lowercase letters and digits, start with a letter, and separate words with a single '_', '-' or '.' (for example 'test.echo')";

        /// <summary>
        /// The diagnostic for an invalid <paramref name="name"/> of <paramref name="owner"/>; <paramref name="what"/> says which name
        /// it is ("service name", "action name", "client-message type").
        /// </summary>
        public static Diagnostic Create(Location location, string? name, string what, string owner, bool isClientMessageType)
        {
            var suggestion = NameRules.Suggest(name, allowDots: isClientMessageType);
            var rule = isClientMessageType ? ClientMessageTypeRule : WireNameRule;
            if (suggestion != null)
            {
                rule += "; '" + suggestion + "' would be valid";
            }
            var properties = suggestion == null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(SuggestedNameProperty, suggestion);
            return Diagnostic.Create(RtviDiagnostics.InvalidName, location, properties, name ?? "", what, owner, rule);
        }

        /// <summary>"Type.Method" or "Type": how messages name a handler or class.</summary>
        public static string Display(ISymbol symbol) =>
            symbol is IMethodSymbol method ? method.ContainingType.Name + "." + method.Name : symbol.Name;

        /// <summary>Reports an invalid service name on an [RtviService] class, if it is one.</summary>
        public static void CheckServiceName(INamedTypeSymbol type, AttributeData attribute, System.Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            var name = AttributeSyntaxLocator.Name(attribute);
            if (!NameRules.IsValidName(name))
            {
                var location = AttributeSyntaxLocator.NameArgument(attribute, type.Locations[0], cancellationToken);
                report(Create(location, name, "service name", Display(type), isClientMessageType: false));
            }
        }
    }
}
