using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Rtvi.CodeAnalysis
{
    /// <summary>
    /// Whether the generator can emit System.Text.Json metadata for a type and everything reachable from it, and if not,
    /// which type or member stops it and why. One source for the generator (which emits the metadata) and the analyzers
    /// (RTVI0200/RTVI0201 for exactly the types it cannot describe).
    /// </summary>
    internal static class JsonTypeDescriber
    {
        private const string SerializationNamespace = "System.Text.Json.Serialization";

        public static JsonTypeGraph Describe(ITypeSymbol root, KnownTypes known)
        {
            var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            var types = ImmutableArray.CreateBuilder<JsonTypeDescription>();
            // Each type with the member that first reached it (null for the root and for parts of collections reached from it).
            var pending = new Queue<(ITypeSymbol Type, string? Via)>();
            pending.Enqueue((Strip(root), null));
            while (pending.Count > 0)
            {
                var (type, via) = pending.Dequeue();
                if (!seen.Add(type))
                {
                    continue;
                }
                var failure = DescribeOne(type, known, out var description);
                if (failure != null)
                {
                    return new JsonTypeGraph(ImmutableArray<JsonTypeDescription>.Empty, failure.ReachedThrough(via));
                }
                types.Add(description!);
                if (description!.Element != null)
                {
                    pending.Enqueue((Strip(description.Element), via));
                }
                if (description.Kind is JsonTypeKind.Dictionary or JsonTypeKind.IDictionary or JsonTypeKind.IReadOnlyDictionary)
                {
                    pending.Enqueue((((INamedTypeSymbol)type).TypeArguments[0], via)); // the string key has metadata too
                }
                foreach (var member in description.Members)
                {
                    pending.Enqueue((Strip(member.Property.Type), type.ToDisplayString() + "." + member.Property.Name));
                }
            }
            return new JsonTypeGraph(types.ToImmutable(), null);
        }

        /// <summary>The type without a nullable reference annotation (<c>Nullable&lt;T&gt;</c> stays: it has its own metadata).</summary>
        public static ITypeSymbol Strip(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);

        private static JsonTypeFailure? DescribeOne(ITypeSymbol type, KnownTypes known, out JsonTypeDescription? description)
        {
            description = null;
            JsonTypeFailure? Fail(JsonTypeProblem problem, string? member = null, string? detail = null) =>
                new JsonTypeFailure(type, member, problem, detail);
            JsonTypeFailure? Simple(JsonTypeKind kind, string? converter, ITypeSymbol? element, out JsonTypeDescription? result)
            {
                result = new JsonTypeDescription(type, kind, converter, element, ImmutableArray<JsonMemberDescription>.Empty, null);
                return null;
            }

            var converter = GetBuiltInConverter(type, known);
            if (converter != null)
            {
                return Simple(JsonTypeKind.Value, converter, null, out description);
            }
            switch (type)
            {
                case ITypeParameterSymbol:
                    return Fail(JsonTypeProblem.OpenGeneric);
                case IArrayTypeSymbol array:
                    return array.Rank == 1 ? Simple(JsonTypeKind.Array, null, array.ElementType, out description) : Fail(JsonTypeProblem.UnsupportedType);
                case INamedTypeSymbol named:
                    break;
                default:
                    return Fail(JsonTypeProblem.UnsupportedType);
            }
            var namedType = (INamedTypeSymbol)type;
            if (namedType.IsUnboundGenericType || ContainsTypeParameter(namedType))
            {
                return Fail(JsonTypeProblem.OpenGeneric);
            }
            if (namedType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                return Simple(JsonTypeKind.Nullable, null, namedType.TypeArguments[0], out description);
            }
            if (namedType.TypeKind == TypeKind.Enum)
            {
                return IsAccessible(namedType) ? Simple(JsonTypeKind.Enum, null, null, out description) : Fail(JsonTypeProblem.NotAccessible);
            }
            if (namedType.IsGenericType && namedType.TypeArguments.Length == 1)
            {
                var item = namedType.TypeArguments[0];
                var definition = namedType.OriginalDefinition;
                if (KnownTypes.Is(definition, known.ListOfT)) return Simple(JsonTypeKind.List, null, item, out description);
                if (KnownTypes.Is(definition, known.IEnumerableOfT) || KnownTypes.Is(definition, known.IReadOnlyListOfT) ||
                    KnownTypes.Is(definition, known.IReadOnlyCollectionOfT))
                {
                    return Simple(JsonTypeKind.Enumerable, null, item, out description);
                }
                if (KnownTypes.Is(definition, known.IListOfT)) return Simple(JsonTypeKind.IList, null, item, out description);
                if (KnownTypes.Is(definition, known.ICollectionOfT)) return Simple(JsonTypeKind.ICollection, null, item, out description);
            }
            if (namedType.IsGenericType && namedType.TypeArguments.Length == 2)
            {
                var definition = namedType.OriginalDefinition;
                var kind = KnownTypes.Is(definition, known.DictionaryOfTKeyTValue) ? JsonTypeKind.Dictionary
                    : KnownTypes.Is(definition, known.IDictionaryOfTKeyTValue) ? JsonTypeKind.IDictionary
                    : KnownTypes.Is(definition, known.IReadOnlyDictionaryOfTKeyTValue) ? JsonTypeKind.IReadOnlyDictionary
                    : (JsonTypeKind?)null;
                if (kind != null)
                {
                    return namedType.TypeArguments[0].SpecialType == SpecialType.System_String
                        ? Simple(kind.Value, null, namedType.TypeArguments[1], out description)
                        : Fail(JsonTypeProblem.UnsupportedType);
                }
            }
            return DescribeObject(namedType, known, out description);
        }

        private static JsonTypeFailure? DescribeObject(INamedTypeSymbol type, KnownTypes known, out JsonTypeDescription? description)
        {
            description = null;
            JsonTypeFailure Fail(JsonTypeProblem problem, string? member = null, string? detail = null) =>
                new JsonTypeFailure(type, member, problem, detail);

            if (type.TypeKind is TypeKind.Interface || type.IsAbstract)
            {
                return Fail(JsonTypeProblem.Polymorphic);
            }
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsStatic || type.IsRefLikeType ||
                type.SpecialType is SpecialType.System_Object or SpecialType.System_ValueType or SpecialType.System_Enum or SpecialType.System_Array ||
                IsInSystemNamespace(type) || KnownTypes.Is(type, known.Task) || KnownTypes.Is(type, known.TaskOfT))
            {
                return Fail(JsonTypeProblem.UnsupportedType);
            }
            if (!IsAccessible(type))
            {
                return Fail(JsonTypeProblem.NotAccessible);
            }
            foreach (var attribute in type.GetAttributes())
            {
                var name = SerializationAttributeName(attribute);
                switch (name)
                {
                    case null:
                        break;
                    case "JsonPolymorphicAttribute":
                    case "JsonDerivedTypeAttribute":
                        return Fail(JsonTypeProblem.Polymorphic);
                    case "JsonConverterAttribute":
                        return Fail(JsonTypeProblem.CustomConverter);
                    default:
                        return Fail(JsonTypeProblem.UnsupportedAttribute, detail: Short(name));
                }
            }

            var members = ImmutableArray.CreateBuilder<JsonMemberDescription>();
            var names = new HashSet<string>();
            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object &&
                 current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
            {
                foreach (var symbol in current.GetMembers())
                {
                    if (symbol.IsStatic || symbol.IsImplicitlyDeclared)
                    {
                        continue;
                    }
                    if (symbol is IFieldSymbol field)
                    {
                        if (HasAttribute(field, "JsonIncludeAttribute"))
                        {
                            return Fail(JsonTypeProblem.UnsupportedAttribute, field.Name, "JsonInclude");
                        }
                        continue;
                    }
                    if (symbol is not IPropertySymbol { IsIndexer: false } property || !names.Add(property.Name))
                    {
                        continue;
                    }
                    var failure = DescribeMember(type, property, members);
                    if (failure != null)
                    {
                        return failure;
                    }
                }
            }

            IMethodSymbol? constructor = null;
            if (type.TypeKind == TypeKind.Class || HasJsonConstructor(type))
            {
                constructor = FindConstructor(type);
                if (constructor == null)
                {
                    return Fail(JsonTypeProblem.NoUsableConstructor);
                }
                foreach (var parameter in constructor.Parameters)
                {
                    if (!MatchesMember(parameter, members))
                    {
                        return Fail(JsonTypeProblem.NoUsableConstructor, parameter.Name);
                    }
                }
            }
            description = new JsonTypeDescription(type, JsonTypeKind.Object, null, null, members.ToImmutable(), constructor);
            return null;
        }

        private static JsonTypeFailure? DescribeMember(INamedTypeSymbol type, IPropertySymbol property, ImmutableArray<JsonMemberDescription>.Builder members)
        {
            string? jsonName = null;
            int? ignore = null;
            int? order = null;
            var required = property.IsRequired;
            foreach (var attribute in property.GetAttributes())
            {
                var name = SerializationAttributeName(attribute);
                switch (name)
                {
                    case null:
                        break;
                    case "JsonPropertyNameAttribute":
                        jsonName = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                        break;
                    case "JsonIgnoreAttribute":
                        ignore = 1; // JsonIgnoreCondition.Always
                        foreach (var argument in attribute.NamedArguments)
                        {
                            if (argument.Key == "Condition" && argument.Value.Value is int condition)
                            {
                                ignore = condition;
                            }
                        }
                        break;
                    case "JsonRequiredAttribute":
                        required = true;
                        break;
                    case "JsonPropertyOrderAttribute":
                        order = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as int? : null;
                        break;
                    case "JsonIncludeAttribute":
                        if (property.DeclaredAccessibility != Accessibility.Public)
                        {
                            return new JsonTypeFailure(type, property.Name, JsonTypeProblem.UnsupportedAttribute, "JsonInclude");
                        }
                        break;
                    case "JsonConverterAttribute":
                        return new JsonTypeFailure(type, property.Name, JsonTypeProblem.CustomConverter);
                    default:
                        return new JsonTypeFailure(type, property.Name, JsonTypeProblem.UnsupportedAttribute, Short(name));
                }
            }
            if (ignore == 1)
            {
                return null; // [JsonIgnore]: not part of the contract
            }
            if (property.DeclaredAccessibility != Accessibility.Public || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public })
            {
                return null;
            }
            var propertyType = property.Type;
            if (propertyType.IsRefLikeType || propertyType.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                return null; // STJ skips these too
            }
            var setter = property.SetMethod;
            var publicSetter = setter is { DeclaredAccessibility: Accessibility.Public };
            var isInitOnly = publicSetter && setter!.IsInitOnly;
            var nonNullable = propertyType.IsReferenceType && propertyType.NullableAnnotation == NullableAnnotation.NotAnnotated;
            members.Add(new JsonMemberDescription(property, jsonName, ignore, required, publicSetter && !isInitOnly, isInitOnly, nonNullable, order));
            return null;
        }

        private static bool MatchesMember(IParameterSymbol parameter, ImmutableArray<JsonMemberDescription>.Builder members)
        {
            foreach (var member in members)
            {
                if (string.Equals(member.Property.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase) &&
                    SymbolEqualityComparer.Default.Equals(Strip(member.Property.Type), Strip(parameter.Type)))
                {
                    return true;
                }
            }
            return false;
        }

        // System.Text.Json's choice: [JsonConstructor], else the public parameterless one, else the only public one.
        private static IMethodSymbol? FindConstructor(INamedTypeSymbol type)
        {
            IMethodSymbol? parameterless = null;
            IMethodSymbol? single = null;
            var publicCount = 0;
            foreach (var constructor in type.InstanceConstructors)
            {
                if (HasAttribute(constructor, "JsonConstructorAttribute"))
                {
                    return constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal ? constructor : null;
                }
                if (constructor.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }
                publicCount++;
                if (constructor.Parameters.Length == 0)
                {
                    parameterless = constructor;
                }
                else
                {
                    single = constructor;
                }
            }
            return parameterless ?? (publicCount == 1 ? single : null);
        }

        private static bool HasJsonConstructor(INamedTypeSymbol type)
        {
            foreach (var constructor in type.InstanceConstructors)
            {
                if (HasAttribute(constructor, "JsonConstructorAttribute"))
                {
                    return true;
                }
            }
            return false;
        }

        private static string? GetBuiltInConverter(ITypeSymbol type, KnownTypes known)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean: return "BooleanConverter";
                case SpecialType.System_SByte: return "SByteConverter";
                case SpecialType.System_Byte: return "ByteConverter";
                case SpecialType.System_Int16: return "Int16Converter";
                case SpecialType.System_UInt16: return "UInt16Converter";
                case SpecialType.System_Int32: return "Int32Converter";
                case SpecialType.System_UInt32: return "UInt32Converter";
                case SpecialType.System_Int64: return "Int64Converter";
                case SpecialType.System_UInt64: return "UInt64Converter";
                case SpecialType.System_Single: return "SingleConverter";
                case SpecialType.System_Double: return "DoubleConverter";
                case SpecialType.System_Decimal: return "DecimalConverter";
                case SpecialType.System_Char: return "CharConverter";
                case SpecialType.System_String: return "StringConverter";
                case SpecialType.System_DateTime: return "DateTimeConverter";
            }
            if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
            {
                return "ByteArrayConverter";
            }
            if (KnownTypes.Is(type, known.JsonElement)) return "JsonElementConverter";
            if (KnownTypes.Is(type, known.JsonNode)) return "JsonNodeConverter";
            if (KnownTypes.Is(type, known.Guid)) return "GuidConverter";
            if (KnownTypes.Is(type, known.DateTimeOffset)) return "DateTimeOffsetConverter";
            if (type is INamedTypeSymbol { IsGenericType: false } named && IsInSystemNamespace(named))
            {
                switch (named.ToDisplayString())
                {
                    case "System.TimeSpan": return "TimeSpanConverter";
                    case "System.DateOnly": return "DateOnlyConverter";
                    case "System.TimeOnly": return "TimeOnlyConverter";
                    case "System.Uri": return "UriConverter";
                    case "System.Version": return "VersionConverter";
                    case "System.Half": return "HalfConverter";
                    case "System.Int128": return "Int128Converter";
                    case "System.UInt128": return "UInt128Converter";
                    case "System.Text.Json.Nodes.JsonObject": return "JsonObjectConverter";
                    case "System.Text.Json.Nodes.JsonArray": return "JsonArrayConverter";
                    case "System.Text.Json.JsonDocument": return "JsonDocumentConverter";
                }
            }
            return null;
        }

        private static bool ContainsTypeParameter(INamedTypeSymbol type)
        {
            foreach (var argument in type.TypeArguments)
            {
                if (argument is ITypeParameterSymbol || (argument is INamedTypeSymbol named && ContainsTypeParameter(named)) ||
                    (argument is IArrayTypeSymbol { ElementType: ITypeParameterSymbol }))
                {
                    return true;
                }
            }
            return false;
        }

        private static bool IsAccessible(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current != null; current = current.ContainingType)
            {
                if (current.IsFileLocal ||
                    !(current.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }
            foreach (var argument in type.TypeArguments)
            {
                if (argument is INamedTypeSymbol named && !IsAccessible(named))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Whether <paramref name="type"/> lives under the <c>System</c> namespace (BCL types have built-in converters, not members).</summary>
        public static bool IsInSystemNamespace(INamedTypeSymbol type)
        {
            var ns = type.ContainingNamespace;
            while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
            {
                ns = ns.ContainingNamespace;
            }
            return ns is { IsGlobalNamespace: false, Name: "System" };
        }

        /// <summary>The class name of a System.Text.Json.Serialization attribute, or null for any other attribute.</summary>
        private static string? SerializationAttributeName(AttributeData attribute) =>
            attribute.AttributeClass is { } type && type.ContainingNamespace?.ToDisplayString() == SerializationNamespace ? type.Name : null;

        private static bool HasAttribute(ISymbol symbol, string name)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (SerializationAttributeName(attribute) == name)
                {
                    return true;
                }
            }
            return false;
        }

        private static string Short(string attributeName) =>
            attributeName.EndsWith("Attribute", System.StringComparison.Ordinal) ? attributeName.Substring(0, attributeName.Length - 9) : attributeName;
    }
}
