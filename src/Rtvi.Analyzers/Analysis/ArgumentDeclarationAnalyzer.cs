using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Rtvi.CodeAnalysis;

namespace Rtvi.Analyzers
{
    /// <summary>
    /// Checks [RtviArgument] declarations: they only describe the arguments of an [RtviAction] taking the raw RtviArguments map
    /// (RTVI0012 elsewhere, where the generator ignores them), and there each declared name must be a valid wire name, once (RTVI0013).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ArgumentDeclarationAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The diagnostic property saying why an RTVI0013 is reported: <see cref="DuplicateReason"/> or <see cref="InvalidReason"/>.</summary>
        public const string ReasonProperty = "Reason";

        /// <summary>The name is declared earlier on the same action.</summary>
        public const string DuplicateReason = "Duplicate";

        /// <summary>The name is not a valid wire name.</summary>
        public const string InvalidReason = "Invalid";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            RtviDiagnostics.IgnoredArgumentDeclaration,
            RtviDiagnostics.InvalidArgumentDeclaration);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownTypes.Get(start.Compilation);
                if (known.RtviArgumentAttribute != null)
                {
                    start.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, known), SymbolKind.Method);
                }
            });
        }

        private static void AnalyzeMethod(SymbolAnalysisContext context, KnownTypes known)
        {
            var method = (IMethodSymbol)context.Symbol;
            List<AttributeData>? declarations = null;
            var isAction = false;
            foreach (var attribute in method.GetAttributes())
            {
                if (KnownTypes.Is(attribute.AttributeClass, known.RtviArgumentAttribute))
                {
                    (declarations ??= new List<AttributeData>()).Add(attribute);
                }
                else
                {
                    isAction |= HandlerRules.GetKind(attribute.AttributeClass, known) == HandlerKind.Action;
                }
            }
            if (declarations == null)
            {
                return;
            }

            var display = NameDiagnostics.Display(method);
            var fallback = method.Locations[0];
            var reason = !isAction ? "only an [RtviAction] taking the raw RtviArguments map lists declared arguments"
                : !TakesArguments(method, known) ? "this action declares its arguments through its typed parameters"
                : null;
            if (reason != null)
            {
                foreach (var declaration in declarations)
                {
                    context.ReportDiagnostic(Diagnostic.Create(RtviDiagnostics.IgnoredArgumentDeclaration,
                        AttributeSyntaxLocator.Attribute(declaration, fallback, context.CancellationToken),
                        AttributeSyntaxLocator.Name(declaration) ?? "", display, reason));
                }
                return;
            }

            var seen = new Dictionary<string, AttributeData>(System.StringComparer.Ordinal);
            foreach (var declaration in declarations)
            {
                if (declaration.ConstructorArguments.Length == 0)
                {
                    continue; // does not compile
                }
                var name = AttributeSyntaxLocator.Name(declaration);
                var location = AttributeSyntaxLocator.NameArgument(declaration, fallback, context.CancellationToken);
                if (!NameRules.IsValidName(name))
                {
                    var suggestion = NameRules.Suggest(name);
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(ReasonProperty, InvalidReason);
                    if (suggestion != null)
                    {
                        properties = properties.Add(NameDiagnostics.SuggestedNameProperty, suggestion);
                    }
                    context.ReportDiagnostic(Diagnostic.Create(RtviDiagnostics.InvalidArgumentDeclaration, location, properties,
                        name ?? "", display, "is not a valid name: " + NameDiagnostics.WireNameRule + (suggestion != null ? "; '" + suggestion + "' would be valid" : "")));
                }
                else if (seen.TryGetValue(name!, out var first))
                {
                    context.ReportDiagnostic(Diagnostic.Create(RtviDiagnostics.InvalidArgumentDeclaration, location,
                        new[] { AttributeSyntaxLocator.NameArgument(first, fallback, context.CancellationToken) },
                        ImmutableDictionary<string, string?>.Empty.Add(ReasonProperty, DuplicateReason),
                        name, display, "is declared more than once: describe-actions would list it twice"));
                }
                else
                {
                    seen.Add(name!, declaration);
                }
            }
        }

        private static bool TakesArguments(IMethodSymbol method, KnownTypes known)
        {
            foreach (var parameter in method.Parameters)
            {
                if (KnownTypes.Is(parameter.Type, known.RtviArguments))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
