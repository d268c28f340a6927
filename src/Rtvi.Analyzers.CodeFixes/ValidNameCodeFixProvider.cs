using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Rtvi.Analyzers.CodeFixes
{
    /// <summary>
    /// RTVI0101 and RTVI0013 (invalid [RtviArgument] names): replaces an invalid wire name with the suggested valid one
    /// (<c>"SetVoice"</c> → <c>"set_voice"</c>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ValidNameCodeFixProvider)), Shared]
    public sealed class ValidNameCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            RtviDiagnosticIds.InvalidName, RtviDiagnosticIds.InvalidArgumentDeclaration);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(NameDiagnostics.SuggestedNameProperty, out var suggestion) || suggestion == null ||
                    root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal ||
                    !literal.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    continue;
                }
                context.RegisterCodeFix(
                    CodeAction.Create($"Use '{suggestion}'", ct => RenameAsync(context.Document, literal, suggestion, ct), nameof(ValidNameCodeFixProvider)),
                    diagnostic);
            }
        }

        private static async Task<Document> RenameAsync(Document document, LiteralExpressionSyntax literal, string name, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name)).WithTriviaFrom(literal);
            return document.WithSyntaxRoot(root!.ReplaceNode(literal, replacement));
        }
    }
}
