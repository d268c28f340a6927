using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Rtvi.Analyzers
{
    /// <summary>Finds where an attribute (or one of its arguments) is written, so diagnostics point at the offending text.</summary>
    internal static class AttributeSyntaxLocator
    {
        /// <summary>The name argument (the first positional one), else the attribute, else <paramref name="fallback"/>.</summary>
        public static Location NameArgument(AttributeData attribute, Location fallback, CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
            {
                return fallback;
            }
            if (syntax.ArgumentList != null)
            {
                foreach (var argument in syntax.ArgumentList.Arguments)
                {
                    if (argument.NameEquals == null)
                    {
                        return argument.Expression.GetLocation();
                    }
                }
            }
            return syntax.GetLocation();
        }

        /// <summary>The <c>Service = "…"</c> argument, or null when it is not written.</summary>
        public static Location? ServiceArgument(AttributeData attribute, CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } arguments })
            {
                foreach (var argument in arguments.Arguments)
                {
                    if (argument.NameEquals?.Name.Identifier.ValueText == "Service")
                    {
                        return argument.Expression.GetLocation();
                    }
                }
            }
            return null;
        }

        /// <summary>The whole attribute, else <paramref name="fallback"/>.</summary>
        public static Location Attribute(AttributeData attribute, Location fallback, CancellationToken cancellationToken) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? fallback;

        /// <summary>The explicit <c>Service = "…"</c> value of a handler attribute, or null.</summary>
        public static string? ExplicitService(AttributeData attribute)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Service" && argument.Value.Value is string value)
                {
                    return value;
                }
            }
            return null;
        }

        /// <summary>The first constructor argument as a string (the wire name), or null.</summary>
        public static string? Name(AttributeData attribute) =>
            attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
    }
}
