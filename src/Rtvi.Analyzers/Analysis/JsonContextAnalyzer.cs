using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Rtvi.CodeAnalysis;

namespace Rtvi.Analyzers
{
    /// <summary>
    /// Checks the bot's <c>[assembly: RtviJsonContext]</c>: that it is a partial <c>JsonSerializerContext</c>, and that it
    /// exists and covers every complex parameter and result type the generator cannot describe itself (polymorphic
    /// hierarchies, custom converters, …: <see cref="JsonTypeDescriber"/>, shared with the generator). Every other type gets
    /// generated metadata and needs no context.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class JsonContextAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The diagnostic property holding the type to add, written as a fully qualified C# type.</summary>
        public const string TypeNameProperty = "TypeName";

        private static readonly SymbolDisplayFormat TypeOfFormat = SymbolDisplayFormat.FullyQualifiedFormat;

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            RtviDiagnostics.TypeNotInJsonContext,
            RtviDiagnostics.MissingJsonContext,
            RtviDiagnostics.InvalidJsonContext,
            RtviDiagnostics.JsonContextNotPartial);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownTypes.Get(start.Compilation);
                if (!known.HasRuntime || known.RtviJsonContextAttribute == null)
                {
                    return;
                }
                var configuration = JsonContextConfiguration.Read(start.Compilation, known);
                start.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, known, configuration), SymbolKind.Method);
                if (configuration.Context != null)
                {
                    start.RegisterSymbolAction(symbol => AnalyzeContext(symbol, configuration), SymbolKind.NamedType);
                }
            });
        }

        private static void AnalyzeContext(SymbolAnalysisContext context, JsonContextConfiguration configuration)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (!SymbolEqualityComparer.Default.Equals(type, configuration.Context))
            {
                return;
            }
            if (!configuration.IsValid)
            {
                context.ReportDiagnostic(Diagnostic.Create(RtviDiagnostics.InvalidJsonContext,
                    AttributeSyntaxLocator.NameArgument(configuration.Attribute!, type.Locations[0], context.CancellationToken), type.ToDisplayString()));
                return;
            }
            for (var current = type; current != null; current = current.ContainingType)
            {
                if (!IsPartial(current, context.CancellationToken))
                {
                    context.ReportDiagnostic(Diagnostic.Create(RtviDiagnostics.JsonContextNotPartial, type.Locations[0], type.ToDisplayString()));
                    return;
                }
            }
        }

        private static void AnalyzeMethod(SymbolAnalysisContext context, KnownTypes known, JsonContextConfiguration configuration)
        {
            var method = (IMethodSymbol)context.Symbol;
            foreach (var attribute in method.GetAttributes())
            {
                if (HandlerRules.GetKind(attribute.AttributeClass, known) == null)
                {
                    continue;
                }
                var check = HandlerRules.Check(method, attribute, known);
                if (!check.IsValid)
                {
                    continue; // the handler analyzer explains; nothing is generated
                }
                var plan = check.Plan!;
                foreach (var parameter in plan.Parameters)
                {
                    if (parameter.Source == ParameterSource.Json && WireTypeMapper.NeedsJsonTypeInfo(parameter.Mapping!, isResult: false))
                    {
                        Check(context, configuration, method, parameter.Mapping!.Type, "parameter '" + parameter.Symbol.Name + "'",
                            parameter.Symbol.Locations[0]);
                    }
                }
                if (plan.Result != null && WireTypeMapper.NeedsJsonTypeInfo(plan.Result, isResult: true))
                {
                    Check(context, configuration, method, plan.Result.Type, "result", ReturnTypeLocator.Find(method, context.CancellationToken));
                }
            }
        }

        private static void Check(SymbolAnalysisContext context, JsonContextConfiguration configuration, IMethodSymbol method, ITypeSymbol type,
            string role, Location location)
        {
            if (configuration.Covers(type))
            {
                return;
            }
            var failure = JsonTypeDescriber.Describe(type, KnownTypes.Get(context.Compilation)).Failure;
            if (failure is null)
            {
                return; // the generator emits its metadata
            }
            var display = NameDiagnostics.Display(method);
            if (configuration.Attribute == null)
            {
                context.ReportDiagnostic(Diagnostic.Create(RtviDiagnostics.MissingJsonContext, location, display, type.ToDisplayString(),
                    failure.Describe()));
                return;
            }
            if (!configuration.IsValid)
            {
                return; // RTVI0202 explains an invalid context
            }
            var contextLocation = configuration.Context!.Locations[0];
            var properties = ImmutableDictionary<string, string?>.Empty.Add(TypeNameProperty, type.ToDisplayString(TypeOfFormat));
            context.ReportDiagnostic(Diagnostic.Create(RtviDiagnostics.TypeNotInJsonContext, location,
                contextLocation.IsInSource ? new[] { contextLocation } : Array.Empty<Location>(), properties,
                type.ToDisplayString(), role, display, configuration.Context.ToDisplayString(), failure.Describe()));
        }

        private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration &&
                    !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
