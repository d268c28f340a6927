using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Rtvi.CodeAnalysis;
using Rtvi.Generators.Models;

namespace Rtvi.Generators.Parsing
{
    /// <summary>Reads what the whole compilation contributes: the runtime reference and <c>[assembly: RtviJsonContext]</c>.</summary>
    internal static class CompilationParser
    {
        public static CompilationModel Parse(Compilation compilation, CancellationToken cancellationToken)
        {
            var known = KnownTypes.Get(compilation);
            if (!known.HasRuntime)
            {
                return new CompilationModel(false, null, EquatableArray<JsonTypeInfoName>.Empty, EquatableArray<string>.Empty, null);
            }
            INamedTypeSymbol? context = null;
            string? namingPolicy = null;
            foreach (var attribute in compilation.Assembly.GetAttributes())
            {
                if (KnownTypes.Is(attribute.AttributeClass, known.RtviJsonAttribute))
                {
                    namingPolicy = ReadNamingPolicy(attribute);
                }
                if (KnownTypes.Is(attribute.AttributeClass, known.RtviJsonContextAttribute) &&
                    attribute.ConstructorArguments.Length == 1 &&
                    attribute.ConstructorArguments[0].Value is INamedTypeSymbol type &&
                    DerivesFrom(type, known.JsonSerializerContext))
                {
                    context = type;
                }
            }
            if (context is null)
            {
                return new CompilationModel(true, null, EquatableArray<JsonTypeInfoName>.Empty, EquatableArray<string>.Empty, namingPolicy);
            }

            var names = new List<JsonTypeInfoName>();
            foreach (var attribute in context.GetAttributes())
            {
                if (!KnownTypes.Is(attribute.AttributeClass, known.JsonSerializableAttribute) ||
                    attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not ITypeSymbol serializable)
                {
                    continue;
                }
                foreach (var argument in attribute.NamedArguments)
                {
                    if (argument.Key == "TypeInfoPropertyName" && argument.Value.Value is string property)
                    {
                        names.Add(new JsonTypeInfoName(SymbolNames.TypeKey(serializable), property));
                    }
                }
            }
            var covered = new List<string>();
            foreach (var type in new JsonContextCoverage(context, known).Types)
            {
                covered.Add(SymbolNames.TypeKey(type));
            }
            covered.Sort(System.StringComparer.Ordinal);
            return new CompilationModel(true, SymbolNames.Type(context), names.ToEquatableArray(), covered.ToEquatableArray(), namingPolicy);
        }

        // RtviJsonNamingPolicy members are named like the JsonNamingPolicy properties; 0 (None) means no policy.
        private static string? ReadNamingPolicy(AttributeData attribute)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "NamingPolicy" && argument.Value.Value is int value && value > 0 &&
                    argument.Value.Type is INamedTypeSymbol policy)
                {
                    foreach (var member in policy.GetMembers())
                    {
                        if (member is IFieldSymbol { HasConstantValue: true, ConstantValue: int constant } field && constant == value)
                        {
                            return field.Name;
                        }
                    }
                }
            }
            return null;
        }

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
