using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Rtvi.Analyzers.CodeFixes
{
    /// <summary>
    /// RTVI0200: adds <c>[JsonSerializable(typeof(T))]</c> to the bot's serializer context (which may live in another file).
    /// Fix-all adds every missing type once.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddJsonSerializableCodeFixProvider)), Shared]
    public sealed class AddJsonSerializableCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RtviDiagnosticIds.TypeNotInJsonContext);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => FixAll.Instance;

        /// <inheritdoc />
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!IsFixable(diagnostic))
                {
                    continue;
                }
                var typeName = diagnostic.Properties[JsonContextAnalyzer.TypeNameProperty]!;
                var solution = context.Document.Project.Solution;
                context.RegisterCodeFix(
                    CodeAction.Create($"Add [JsonSerializable(typeof({Simple(typeName)}))] to the serializer context",
                        ct => AddAsync(solution, ImmutableArray.Create(diagnostic), ct), nameof(AddJsonSerializableCodeFixProvider)),
                    diagnostic);
            }
            return Task.CompletedTask;
        }

        private static bool IsFixable(Diagnostic diagnostic) =>
            diagnostic.AdditionalLocations.Count > 0 && diagnostic.AdditionalLocations[0].IsInSource &&
            diagnostic.Properties.TryGetValue(JsonContextAnalyzer.TypeNameProperty, out var typeName) && typeName != null;

        private static string Simple(string typeName) => typeName.Replace("global::", "");

        private static async Task<Solution> AddAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            // Group by the context declaration; each type once, in the order reported.
            var byContext = new Dictionary<Location, List<string>>();
            foreach (var diagnostic in diagnostics)
            {
                if (!IsFixable(diagnostic))
                {
                    continue;
                }
                var location = diagnostic.AdditionalLocations[0];
                if (!byContext.TryGetValue(location, out var types))
                {
                    byContext[location] = types = new List<string>();
                }
                var typeName = diagnostic.Properties[JsonContextAnalyzer.TypeNameProperty]!;
                if (!types.Contains(typeName))
                {
                    types.Add(typeName);
                }
            }
            foreach (var entry in byContext)
            {
                var document = solution.GetDocument(entry.Key.SourceTree);
                var root = document == null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root?.FindNode(entry.Key.SourceSpan).FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration)
                {
                    continue;
                }
                var lists = entry.Value.Select(CreateAttributeList);
                var updated = declaration.WithAttributeLists(declaration.AttributeLists.AddRange(lists));
                if (declaration.AttributeLists.Count == 0)
                {
                    // The declaration's leading trivia (indentation, comments) moves in front of the first attribute.
                    updated = updated.WithModifiers(declaration.Modifiers.Count > 0
                            ? declaration.Modifiers.Replace(declaration.Modifiers[0], declaration.Modifiers[0].WithLeadingTrivia())
                            : declaration.Modifiers)
                        .WithLeadingTrivia(declaration.GetLeadingTrivia());
                }
                solution = solution.WithDocumentSyntaxRoot(document!.Id, root.ReplaceNode(declaration, updated.WithAdditionalAnnotations(Formatter.Annotation)));
            }
            return solution;
        }

        private static AttributeListSyntax CreateAttributeList(string typeName) =>
            SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.Attribute(
                        SyntaxFactory.ParseName("global::System.Text.Json.Serialization.JsonSerializable"),
                        SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                            SyntaxFactory.AttributeArgument(SyntaxFactory.TypeOfExpression(SyntaxFactory.ParseTypeName(typeName))))))))
                .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);

        private sealed class FixAll : FixAllProvider
        {
            public static readonly FixAll Instance = new FixAll();

            public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
                switch (fixAllContext.Scope)
                {
                    case FixAllScope.Document when fixAllContext.Document != null:
                        diagnostics.AddRange(await fixAllContext.GetDocumentDiagnosticsAsync(fixAllContext.Document).ConfigureAwait(false));
                        break;
                    case FixAllScope.Project:
                        diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(fixAllContext.Project).ConfigureAwait(false));
                        break;
                    case FixAllScope.Solution:
                        foreach (var project in fixAllContext.Solution.Projects)
                        {
                            diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                        }
                        break;
                    default:
                        return null;
                }
                var solution = fixAllContext.Solution;
                var all = diagnostics.ToImmutable();
                return CodeAction.Create("Add [JsonSerializable] for every uncovered type", ct => AddAsync(solution, all, ct),
                    fixAllContext.CodeActionEquivalenceKey);
            }
        }
    }
}
