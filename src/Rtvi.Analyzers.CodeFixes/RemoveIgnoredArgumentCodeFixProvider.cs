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
    /// <summary>RTVI0012: removes an [RtviArgument] the generator ignores (and its attribute list when nothing else is left in it).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveIgnoredArgumentCodeFixProvider)), Shared]
    public sealed class RemoveIgnoredArgumentCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Remove the ignored [RtviArgument]";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RtviDiagnosticIds.IgnoredArgumentDeclaration);

        /// <inheritdoc />
        // Every removal of a document in one edit, so removing several attributes of one list cannot conflict.
        public override FixAllProvider GetFixAllProvider() =>
            FixAllProvider.Create((context, document, diagnostics) => RemoveAsync(document, diagnostics, context.CancellationToken));

        /// <inheritdoc />
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => RemoveAsync(context.Document, ImmutableArray.Create(diagnostic), ct)!,
                        nameof(RemoveIgnoredArgumentCodeFixProvider)),
                    diagnostic);
            }
            return Task.CompletedTask;
        }

        private static async Task<Document?> RemoveAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root == null)
            {
                return document;
            }
            var attributes = new HashSet<AttributeSyntax>();
            foreach (var diagnostic in diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>() is { } attribute)
                {
                    attributes.Add(attribute);
                }
            }
            if (attributes.Count == 0)
            {
                return document;
            }
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var removedLists = new HashSet<AttributeListSyntax>();
            var firstListRemoved = new HashSet<SyntaxNode>();
            foreach (var attribute in attributes)
            {
                if (attribute.Parent is not AttributeListSyntax list || !AllRemoved(list, attributes))
                {
                    editor.RemoveNode(attribute);
                }
                else if (removedLists.Add(list))
                {
                    if (list.Parent is { } member && FirstList(member) == list)
                    {
                        firstListRemoved.Add(member);
                    }
                    else
                    {
                        editor.RemoveNode(list);
                    }
                }
            }
            // The first list carries the declaration's leading trivia (documentation comment, indentation): the declaration keeps it.
            foreach (var member in firstListRemoved)
            {
                editor.ReplaceNode(member, (current, _) =>
                {
                    var list = FirstList(current);
                    return list == null ? current : current.RemoveNode(list, SyntaxRemoveOptions.KeepNoTrivia)!.WithLeadingTrivia(list.GetLeadingTrivia());
                });
            }
            return editor.GetChangedDocument();
        }

        private static AttributeListSyntax? FirstList(SyntaxNode member)
        {
            foreach (var child in member.ChildNodes())
            {
                return child as AttributeListSyntax;
            }
            return null;
        }

        private static bool AllRemoved(AttributeListSyntax list, HashSet<AttributeSyntax> attributes)
        {
            foreach (var attribute in list.Attributes)
            {
                if (!attributes.Contains(attribute))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
