using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Rtvi.CodeAnalysis;

namespace Rtvi.Analyzers
{
    /// <summary>Checks the name an [RtviService] class declares (the generator skips a class whose name is invalid).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ServiceDeclarationAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(RtviDiagnostics.InvalidName);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownTypes.Get(start.Compilation);
                if (known.RtviServiceAttribute != null)
                {
                    start.RegisterSymbolAction(symbol => Analyze(symbol, known), SymbolKind.NamedType);
                }
            });
        }

        private static void Analyze(SymbolAnalysisContext context, KnownTypes known)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            foreach (var attribute in type.GetAttributes())
            {
                if (KnownTypes.Is(attribute.AttributeClass, known.RtviServiceAttribute))
                {
                    NameDiagnostics.CheckServiceName(type, attribute, context.ReportDiagnostic, context.CancellationToken);
                }
            }
        }
    }
}
