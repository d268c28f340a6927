using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Rtvi.Analyzers.CodeFixes
{
    /// <summary>RTVI0002: turns an <c>async void</c> handler into <c>async Task</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidCodeFixProvider)), Shared]
    public sealed class AsyncVoidCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RtviDiagnosticIds.AsyncVoidHandler);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not { } node ||
                node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                return;
            }
            context.RegisterCodeFix(
                CodeAction.Create("Return Task", ct => ReturnTaskAsync(context.Document, method, ct), nameof(AsyncVoidCodeFixProvider)),
                context.Diagnostics);
        }

        private static async Task<Document> ReturnTaskAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var task = SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.Task")
                .WithTriviaFrom(method.ReturnType)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
            return document.WithSyntaxRoot(root!.ReplaceNode(method.ReturnType, task));
        }
    }
}
