using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Rtvi.CodeAnalysis
{
    /// <summary>How the generator describes one type to System.Text.Json.</summary>
    internal enum JsonTypeKind
    {
        /// <summary>A built-in converter (<c>JsonMetadataServices.&lt;Converter&gt;</c>).</summary>
        Value,
        /// <summary><c>Nullable&lt;T&gt;</c> of a describable value type.</summary>
        Nullable,
        /// <summary>An enum, written as its member names.</summary>
        Enum,
        /// <summary>A single-dimensional array.</summary>
        Array,
        /// <summary><c>List&lt;T&gt;</c>.</summary>
        List,
        /// <summary><c>IEnumerable&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>, <c>IReadOnlyCollection&lt;T&gt;</c>.</summary>
        Enumerable,
        /// <summary><c>IList&lt;T&gt;</c>.</summary>
        IList,
        /// <summary><c>ICollection&lt;T&gt;</c>.</summary>
        ICollection,
        /// <summary><c>Dictionary&lt;string, T&gt;</c>.</summary>
        Dictionary,
        /// <summary><c>IDictionary&lt;string, T&gt;</c>.</summary>
        IDictionary,
        /// <summary><c>IReadOnlyDictionary&lt;string, T&gt;</c>.</summary>
        IReadOnlyDictionary,
        /// <summary>A class, struct or record: properties and a constructor.</summary>
        Object,
    }

    /// <summary>Why the generator cannot describe a type; the author covers it with an own serializer context instead.</summary>
    internal enum JsonTypeProblem
    {
        /// <summary><c>[JsonPolymorphic]</c>/<c>[JsonDerivedType]</c>, or an abstract class or interface that needs a concrete type.</summary>
        Polymorphic,
        /// <summary><c>[JsonConverter]</c> on the type or a member.</summary>
        CustomConverter,
        /// <summary>A type parameter or an unbound generic type.</summary>
        OpenGeneric,
        /// <summary>No constructor System.Text.Json can use, or a constructor parameter that matches no property.</summary>
        NoUsableConstructor,
        /// <summary>The type or a member type is not visible to generated code.</summary>
        NotAccessible,
        /// <summary>A System.Text.Json attribute the generator does not implement (extension data, number handling, …).</summary>
        UnsupportedAttribute,
        /// <summary>A type with no JSON shape the generator knows (object, dynamic, delegates, pointers, non-string dictionary keys, …).</summary>
        UnsupportedType,
    }

    /// <summary>A type the generator cannot describe: which type, which member (if the problem is a member), and why.</summary>
    internal sealed class JsonTypeFailure
    {
        public JsonTypeFailure(ITypeSymbol type, string? member, JsonTypeProblem problem, string? detail = null, string? via = null)
        {
            Type = type;
            Member = member;
            Problem = problem;
            Detail = detail;
            Via = via;
        }

        /// <summary>The member (<c>Type.Member</c>) through which the root reaches <see cref="Type"/>, or null for the root.</summary>
        public string? Via { get; }

        /// <summary>This failure, reached through <paramref name="via"/>.</summary>
        public JsonTypeFailure ReachedThrough(string? via) => new JsonTypeFailure(Type, Member, Problem, Detail, via);

        /// <summary>The type that cannot be described (the root type or a type reachable from it).</summary>
        public ITypeSymbol Type { get; }

        /// <summary>The offending member of <see cref="Type"/>, or null when the type itself is the problem.</summary>
        public string? Member { get; }

        public JsonTypeProblem Problem { get; }

        /// <summary>The attribute's name for <see cref="JsonTypeProblem.UnsupportedAttribute"/>.</summary>
        public string? Detail { get; }

        /// <summary>One sentence for diagnostics: <c>member 'Bot.Shape.Kind' has [JsonConverter]</c>.</summary>
        public string Describe()
        {
            var via = Via is null ? "" : " (reached through '" + Via + "')";
            if (Problem == JsonTypeProblem.NoUsableConstructor && Member != null)
            {
                return "constructor parameter '" + Member + "' of '" + Type.ToDisplayString() + "'" + via +
                    " matches no public property (System.Text.Json binds constructor parameters to properties by name)";
            }
            var subject = (Member is null ? "'" + Type.ToDisplayString() + "'" : "member '" + Type.ToDisplayString() + "." + Member + "'") +
                via;
            return Problem switch
            {
                JsonTypeProblem.Polymorphic => subject + " is polymorphic (abstract, an interface, or [JsonPolymorphic]/[JsonDerivedType])",
                JsonTypeProblem.CustomConverter => subject + " has [JsonConverter]",
                JsonTypeProblem.OpenGeneric => subject + " is an open generic type",
                JsonTypeProblem.NoUsableConstructor => subject + " has no constructor System.Text.Json can use (one public constructor, a parameterless one, or [JsonConstructor])",
                JsonTypeProblem.NotAccessible => subject + " is not visible to generated code",
                JsonTypeProblem.UnsupportedAttribute => subject + " has [" + Detail + "], which the generator does not implement",
                _ => subject + " has no JSON shape the generator can describe",
            };
        }
    }

    /// <summary>One property of an object type.</summary>
    internal sealed class JsonMemberDescription
    {
        public JsonMemberDescription(IPropertySymbol property, string? jsonName, int? ignoreCondition, bool isRequired, bool hasSetter,
            bool isInitOnly, bool isNonNullable, int? order)
        {
            Property = property;
            JsonName = jsonName;
            IgnoreCondition = ignoreCondition;
            IsRequired = isRequired;
            HasSetter = hasSetter;
            IsInitOnly = isInitOnly;
            IsNonNullable = isNonNullable;
            Order = order;
        }

        public IPropertySymbol Property { get; }

        /// <summary>The <c>[JsonPropertyName]</c>, or null (the naming policy applies).</summary>
        public string? JsonName { get; }

        /// <summary>The <c>JsonIgnoreCondition</c> value of a conditional <c>[JsonIgnore]</c>.</summary>
        public int? IgnoreCondition { get; }

        /// <summary><c>required</c> or <c>[JsonRequired]</c>.</summary>
        public bool IsRequired { get; }

        /// <summary>A public (non-init) setter.</summary>
        public bool HasSetter { get; }

        /// <summary>An init-only setter (set through the object's creator).</summary>
        public bool IsInitOnly { get; }

        /// <summary>A reference type annotated non-nullable: JSON null is rejected.</summary>
        public bool IsNonNullable { get; }

        /// <summary>The <c>[JsonPropertyOrder]</c>.</summary>
        public int? Order { get; }
    }

    /// <summary>A describable type: its kind, its parts, and (objects) its members and constructor.</summary>
    internal sealed class JsonTypeDescription
    {
        public JsonTypeDescription(ITypeSymbol type, JsonTypeKind kind, string? converter, ITypeSymbol? element,
            ImmutableArray<JsonMemberDescription> members, IMethodSymbol? constructor)
        {
            Type = type;
            Kind = kind;
            Converter = converter;
            Element = element;
            Members = members;
            Constructor = constructor;
        }

        public ITypeSymbol Type { get; }
        public JsonTypeKind Kind { get; }

        /// <summary>The <c>JsonMetadataServices</c> converter property of a <see cref="JsonTypeKind.Value"/>.</summary>
        public string? Converter { get; }

        /// <summary>The item (collections, dictionary values) or underlying type (<see cref="JsonTypeKind.Nullable"/>).</summary>
        public ITypeSymbol? Element { get; }

        public ImmutableArray<JsonMemberDescription> Members { get; }

        /// <summary>The constructor of an object type (null: a struct's default constructor).</summary>
        public IMethodSymbol? Constructor { get; }
    }

    /// <summary>The outcome of describing a type and everything reachable from it.</summary>
    internal sealed class JsonTypeGraph
    {
        public JsonTypeGraph(ImmutableArray<JsonTypeDescription> types, JsonTypeFailure? failure)
        {
            Types = types;
            Failure = failure;
        }

        /// <summary>The root first, then every reachable type once, in discovery order (empty on failure).</summary>
        public ImmutableArray<JsonTypeDescription> Types { get; }

        /// <summary>The first type the generator cannot describe, or null.</summary>
        public JsonTypeFailure? Failure { get; }

        public bool IsDescribable => Failure is null;
    }

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
            var type_ = property.Type;
            if (type_.IsRefLikeType || type_.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                return null; // STJ skips these too
            }
            var setter = property.SetMethod;
            var publicSetter = setter is { DeclaredAccessibility: Accessibility.Public };
            var isInitOnly = publicSetter && setter!.IsInitOnly;
            var nonNullable = type_.IsReferenceType && type_.NullableAnnotation == NullableAnnotation.NotAnnotated;
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
