using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rtvi.Generators.Models;

namespace Rtvi.Generators.Parsing
{
    /// <summary>
    /// Positions declarations by member indices rather than text offsets, so editing one method's body does not move
    /// the others (their models stay equal and cached).
    /// </summary>
    internal static class DeclarationOrderReader
    {
        public static DeclarationOrder Read(SyntaxNode node)
        {
            var path = new List<int>();
            for (var current = node; current.Parent != null; current = current.Parent)
            {
                var index = current.Parent switch
                {
                    CompilationUnitSyntax unit when current is MemberDeclarationSyntax member => unit.Members.IndexOf(member),
                    BaseNamespaceDeclarationSyntax ns when current is MemberDeclarationSyntax member => ns.Members.IndexOf(member),
                    TypeDeclarationSyntax type when current is MemberDeclarationSyntax member => type.Members.IndexOf(member),
                    _ => -2,
                };
                if (index != -2)
                {
                    path.Add(index);
                }
            }
            path.Reverse();
            return new DeclarationOrder(node.SyntaxTree.FilePath, path.ToEquatableArray());
        }

        /// <summary>Compares positions: by file path (ordinal), then member indices.</summary>
        public static int Compare(DeclarationOrder x, DeclarationOrder y)
        {
            var byFile = string.CompareOrdinal(x.FilePath, y.FilePath);
            if (byFile != 0)
            {
                return byFile;
            }
            for (var i = 0; i < x.Path.Count && i < y.Path.Count; i++)
            {
                var byIndex = x.Path[i].CompareTo(y.Path[i]);
                if (byIndex != 0)
                {
                    return byIndex;
                }
            }
            return x.Path.Count.CompareTo(y.Path.Count);
        }
    }
}
