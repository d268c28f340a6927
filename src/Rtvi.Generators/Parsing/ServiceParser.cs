using System.Threading;
using Microsoft.CodeAnalysis;
using Rtvi.CodeAnalysis;
using Rtvi.Generators.Models;

namespace Rtvi.Generators.Parsing
{
    /// <summary>Turns an [RtviService] class into a <see cref="ServiceModel"/>, or null when it is not usable.</summary>
    internal static class ServiceParser
    {
        public static ServiceModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length != 1 ||
                context.Attributes[0].ConstructorArguments.Length != 1 ||
                context.Attributes[0].ConstructorArguments[0].Value is not string name ||
                !NameRules.IsValidName(name) || type.IsGenericType || type.ContainingType?.IsGenericType == true)
            {
                return null;
            }
            return new ServiceModel(
                name,
                SymbolNames.Type(type),
                HandlerRules.IsConstructible(type) && type.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal,
                DeclarationOrderReader.Read(context.TargetNode));
        }
    }
}
