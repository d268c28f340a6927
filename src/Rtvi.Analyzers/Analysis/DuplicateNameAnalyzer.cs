using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Rtvi.CodeAnalysis;

namespace Rtvi.Analyzers
{
    /// <summary>
    /// Reports service, option, action and client-message names declared more than once in the compilation, on every
    /// declaration, with the others as additional locations.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DuplicateNameAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            RtviDiagnostics.DuplicateServiceName,
            RtviDiagnostics.DuplicateOptionName,
            RtviDiagnostics.DuplicateActionName,
            RtviDiagnostics.DuplicateClientMessageType);

        private enum DeclarationKind
        {
            Service,
            Option,
            Action,
            ClientMessage,
        }

        private sealed class Declaration
        {
            public Declaration(DeclarationKind kind, string? service, string name, string owner, Location location)
            {
                Kind = kind;
                Service = service;
                Name = name;
                Owner = owner;
                Location = location;
            }

            public DeclarationKind Kind { get; }
            public string? Service { get; }
            public string Name { get; }
            public string Owner { get; }
            public Location Location { get; }
            public (DeclarationKind, string?, string) Key => (Kind, Service, Name);
        }

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownTypes.Get(start.Compilation);
                if (known.RtviServiceAttribute == null)
                {
                    return;
                }
                var declarations = new ConcurrentBag<Declaration>();
                start.RegisterSymbolAction(symbol => CollectService(symbol, known, declarations), SymbolKind.NamedType);
                start.RegisterSymbolAction(symbol => CollectHandler(symbol, known, declarations), SymbolKind.Method);
                start.RegisterCompilationEndAction(end => Report(end, declarations));
            });
        }

        private static void CollectService(SymbolAnalysisContext context, KnownTypes known, ConcurrentBag<Declaration> declarations)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            foreach (var attribute in type.GetAttributes())
            {
                if (KnownTypes.Is(attribute.AttributeClass, known.RtviServiceAttribute) && AttributeSyntaxLocator.Name(attribute) is { } name)
                {
                    declarations.Add(new Declaration(DeclarationKind.Service, null, name, NameDiagnostics.Display(type),
                        AttributeSyntaxLocator.NameArgument(attribute, type.Locations[0], context.CancellationToken)));
                }
            }
        }

        private static void CollectHandler(SymbolAnalysisContext context, KnownTypes known, ConcurrentBag<Declaration> declarations)
        {
            var method = (IMethodSymbol)context.Symbol;
            foreach (var attribute in method.GetAttributes())
            {
                var kind = HandlerRules.GetKind(attribute.AttributeClass, known);
                if (kind == null || AttributeSyntaxLocator.Name(attribute) is not { } name)
                {
                    continue;
                }
                string? service = null;
                if (kind != HandlerKind.ClientMessage)
                {
                    service = AttributeSyntaxLocator.ExplicitService(attribute) ?? HandlerRules.GetServiceName(method.ContainingType, known);
                    if (service == null)
                    {
                        continue; // RTVI0100 explains
                    }
                }
                var declarationKind = kind switch
                {
                    HandlerKind.Option => DeclarationKind.Option,
                    HandlerKind.Action => DeclarationKind.Action,
                    _ => DeclarationKind.ClientMessage,
                };
                declarations.Add(new Declaration(declarationKind, service, name, NameDiagnostics.Display(method),
                    AttributeSyntaxLocator.NameArgument(attribute, method.Locations[0], context.CancellationToken)));
            }
        }

        private static void Report(CompilationAnalysisContext context, ConcurrentBag<Declaration> declarations)
        {
            foreach (var group in declarations.GroupBy(d => d.Key))
            {
                var members = group.OrderBy(d => d.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
                    .ThenBy(d => d.Location.SourceSpan.Start).ToList();
                if (members.Count < 2)
                {
                    continue;
                }
                foreach (var declaration in members)
                {
                    var others = members.Where(d => !ReferenceEquals(d, declaration)).ToList();
                    var other = others[0].Owner;
                    var additional = others.Select(d => d.Location);
                    var diagnostic = declaration.Kind switch
                    {
                        DeclarationKind.Service => Diagnostic.Create(RtviDiagnostics.DuplicateServiceName, declaration.Location, additional,
                            declaration.Name, other),
                        DeclarationKind.Option => Diagnostic.Create(RtviDiagnostics.DuplicateOptionName, declaration.Location, additional,
                            declaration.Name, declaration.Service, other),
                        DeclarationKind.Action => Diagnostic.Create(RtviDiagnostics.DuplicateActionName, declaration.Location, additional,
                            declaration.Name, declaration.Service, other),
                        _ => Diagnostic.Create(RtviDiagnostics.DuplicateClientMessageType, declaration.Location, additional,
                            declaration.Name, other),
                    };
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }
    }
}
