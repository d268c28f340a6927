using System;
using Microsoft.CodeAnalysis;
using Rtvi.CodeAnalysis;

namespace Rtvi.Analyzers
{
    /// <summary>The compilation's <c>[assembly: RtviJsonContext(typeof(X))]</c>, read once per compilation.</summary>
    internal sealed class JsonContextConfiguration
    {
        private readonly Lazy<JsonContextCoverage>? _coverage;

        private JsonContextConfiguration(AttributeData? attribute, INamedTypeSymbol? context, bool isValid, KnownTypes known)
        {
            Attribute = attribute;
            Context = context;
            IsValid = isValid;
            if (isValid)
            {
                _coverage = new Lazy<JsonContextCoverage>(() => new JsonContextCoverage(context!, known), isThreadSafe: true);
            }
        }

        /// <summary>The assembly attribute, or null when the bot configures no context.</summary>
        public AttributeData? Attribute { get; }

        /// <summary>The type the attribute names.</summary>
        public INamedTypeSymbol? Context { get; }

        /// <summary>Whether <see cref="Context"/> derives from <c>JsonSerializerContext</c> (else the generator ignores it).</summary>
        public bool IsValid { get; }

        public static JsonContextConfiguration Read(Compilation compilation, KnownTypes known)
        {
            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                if (KnownTypes.Is(attribute.AttributeClass, known.RtviJsonContextAttribute))
                {
                    var context = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as INamedTypeSymbol : null;
                    return new JsonContextConfiguration(attribute, context, context != null && DerivesFrom(context, known.JsonSerializerContext), known);
                }
            }
            return new JsonContextConfiguration(null, null, false, known);
        }

        /// <summary>Whether the (valid) context provides metadata for <paramref name="type"/>.</summary>
        public bool Covers(ITypeSymbol type) => _coverage != null && _coverage.Value.Covers(type);

        private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol? baseType)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
