using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Rtvi.Analyzers.CodeFixes
{
    /// <summary>
    /// RTVI0001: makes a handler visible to generated code: the method, its containing types and the parameter or return types
    /// declared in source that are private or protected become public (or internal).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeAccessibleCodeFixProvider)), Shared]
    public sealed class MakeAccessibleCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RtviDiagnosticIds.HandlerNotAccessible);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return;
            }
            var node = root.FindNode(context.Span, getInnermostNodeForTie: true);
            var symbols = new List<ISymbol>();
            if (node.FirstAncestorOrSelf<ParameterSyntax>() is { } parameterSyntax)
            {
                if (model.GetDeclaredSymbol(parameterSyntax, context.CancellationToken) is IParameterSymbol parameter)
                {
                    AddInaccessibleTypes(parameter.Type, symbols);
                }
            }
            else if (node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } methodSyntax &&
                model.GetDeclaredSymbol(methodSyntax, context.CancellationToken) is IMethodSymbol method)
            {
                for (ISymbol? current = method; current is IMethodSymbol or INamedTypeSymbol; current = current.ContainingSymbol)
                {
                    AddIfInaccessible(current, symbols);
                }
                AddInaccessibleTypes(method.ReturnType, symbols);
            }
            if (symbols.Count == 0)
            {
                return;
            }
            foreach (var accessibility in new[] { Accessibility.Public, Accessibility.Internal })
            {
                var keyword = accessibility == Accessibility.Public ? "public" : "internal";
                context.RegisterCodeFix(
                    CodeAction.Create($"Make '{symbols[0].Name}' {keyword}",
                        ct => SetAccessibilityAsync(context.Document.Project.Solution, symbols, accessibility, ct),
                        nameof(MakeAccessibleCodeFixProvider) + keyword),
                    context.Diagnostics);
            }
        }

        private static void AddInaccessibleTypes(ITypeSymbol type, List<ISymbol> symbols)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    AddInaccessibleTypes(array.ElementType, symbols);
                    break;
                case INamedTypeSymbol named:
                    for (var current = named; current != null; current = current.ContainingType)
                    {
                        AddIfInaccessible(current.OriginalDefinition, symbols);
                    }
                    foreach (var argument in named.TypeArguments)
                    {
                        AddInaccessibleTypes(argument, symbols);
                    }
                    break;
            }
        }

        private static void AddIfInaccessible(ISymbol symbol, List<ISymbol> symbols)
        {
            if (!(symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal) &&
                !symbol.DeclaringSyntaxReferences.IsEmpty && !symbols.Exists(s => SymbolEqualityComparer.Default.Equals(s, symbol)))
            {
                symbols.Add(symbol);
            }
        }

        private static async Task<Solution> SetAccessibilityAsync(Solution solution, List<ISymbol> symbols, Accessibility accessibility,
            CancellationToken cancellationToken)
        {
            var editor = new SolutionEditor(solution);
            foreach (var symbol in symbols)
            {
                foreach (var reference in symbol.DeclaringSyntaxReferences)
                {
                    var document = solution.GetDocument(reference.SyntaxTree);
                    if (document == null)
                    {
                        continue;
                    }
                    var documentEditor = await editor.GetDocumentEditorAsync(document.Id, cancellationToken).ConfigureAwait(false);
                    documentEditor.SetAccessibility(await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false), accessibility);
                }
            }
            return editor.GetChangedSolution();
        }
    }
}
