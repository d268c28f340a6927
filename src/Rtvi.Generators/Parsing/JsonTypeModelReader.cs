using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Rtvi.CodeAnalysis;
using Rtvi.Generators.Models;

namespace Rtvi.Generators.Parsing
{
    /// <summary>Turns the shared rules' description of a type graph into value models for the resolver emitter.</summary>
    internal static class JsonTypeModelReader
    {
        /// <summary>The models of every type in <paramref name="graph"/> (empty when it is not describable).</summary>
        public static IEnumerable<JsonTypeModel> Read(JsonTypeGraph graph)
        {
            foreach (var type in graph.Types)
            {
                yield return ToModel(type);
            }
        }

        private static JsonTypeModel ToModel(JsonTypeDescription description)
        {
            var type = description.Type;
            var properties = new List<JsonPropertyModel>(description.Members.Length);
            var parameters = new List<JsonParameterModel>();
            var parameterized = false;
            if (description.Kind == JsonTypeKind.Object)
            {
                var bound = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                if (description.Constructor != null)
                {
                    foreach (var parameter in description.Constructor.Parameters)
                    {
                        bound.Add(parameter.Name);
                        var typeName = SymbolNames.TypeKey(parameter.Type);
                        parameters.Add(new JsonParameterModel(parameter.Name, typeName,
                            parameter.HasExplicitDefaultValue ? DefaultValueFormatter.Format(parameter, typeName) : null,
                            IsNullable(parameter.Type), IsMemberInitializer: false));
                    }
                }
                foreach (var member in description.Members)
                {
                    var property = member.Property;
                    properties.Add(new JsonPropertyModel(property.Name, SymbolNames.TypeKey(property.Type),
                        SymbolNames.TypeKey(property.ContainingType), member.JsonName, member.IgnoreCondition, member.IsRequired,
                        member.HasSetter, member.IsInitOnly, member.IsNonNullable, property.IsVirtual || property.IsOverride, member.Order));
                    if ((member.IsInitOnly || property.IsRequired) && !bound.Contains(property.Name))
                    {
                        parameters.Add(new JsonParameterModel(property.Name, SymbolNames.TypeKey(property.Type), null,
                            !member.IsNonNullable && IsNullable(property.Type), IsMemberInitializer: true));
                    }
                }
                parameterized = parameters.Count > 0;
            }
            var key = SymbolNames.TypeKey(type);
            var element = description.Element is null ? null : SymbolNames.TypeKey(description.Element);
            return new JsonTypeModel(key, Identifier(key), WireTypeMapper.GetJsonTypeInfoPropertyName(type), description.Kind,
                description.Converter, element, type.IsValueType, properties.ToEquatableArray(), parameterized, parameters.ToEquatableArray());
        }

        private static bool IsNullable(ITypeSymbol type) =>
            type.IsReferenceType ? type.NullableAnnotation != NullableAnnotation.NotAnnotated
                : type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

        // global::System.Collections.Generic.List<global::Bot.Item> → System_Collections_Generic_List_Bot_Item
        private static string Identifier(string typeKey)
        {
            var text = typeKey.Replace("global::", "");
            var builder = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                var keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (keep)
                {
                    builder.Append(c);
                }
                else if (builder.Length > 0 && builder[builder.Length - 1] != '_')
                {
                    builder.Append(c == '[' ? "Array_" : c == '?' ? "Nullable_" : "_");
                }
            }
            return builder.ToString().TrimEnd('_');
        }
    }
}
