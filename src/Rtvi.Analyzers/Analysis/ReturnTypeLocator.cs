using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Rtvi.Analyzers
{
    /// <summary>Where a method's return type is written (diagnostics about results point there).</summary>
    internal static class ReturnTypeLocator
    {
        public static Location Find(IMethodSymbol method, CancellationToken cancellationToken)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
                {
                    return declaration.ReturnType.GetLocation();
                }
            }
            return method.Locations[0];
        }
    }
}
