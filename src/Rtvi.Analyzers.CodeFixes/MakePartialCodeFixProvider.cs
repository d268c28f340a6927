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
    /// <summary>RTVI0203: adds <c>partial</c> to the JSON serializer context and every containing type.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
    public sealed class MakePartialCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RtviDiagnosticIds.JsonContextNotPartial);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration ||
                model?.GetDeclaredSymbol(declaration, context.CancellationToken) is not INamedTypeSymbol type)
            {
                return;
            }
            context.RegisterCodeFix(
                CodeAction.Create($"Make '{type.Name}' partial", ct => MakePartialAsync(context.Document.Project.Solution, type, ct),
                    nameof(MakePartialCodeFixProvider)),
                context.Diagnostics);
        }

        private static async Task<Solution> MakePartialAsync(Solution solution, INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var editor = new SolutionEditor(solution);
            for (var current = type; current != null; current = current.ContainingType)
            {
                foreach (var reference in current.DeclaringSyntaxReferences)
                {
                    var document = solution.GetDocument(reference.SyntaxTree);
                    if (document == null)
                    {
                        continue;
                    }
                    var documentEditor = await editor.GetDocumentEditorAsync(document.Id, cancellationToken).ConfigureAwait(false);
                    var node = await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
                    var modifiers = documentEditor.Generator.GetModifiers(node);
                    if (!modifiers.IsPartial)
                    {
                        documentEditor.SetModifiers(node, modifiers.WithPartial(true));
                    }
                }
            }
            return editor.GetChangedSolution();
        }
    }
}
