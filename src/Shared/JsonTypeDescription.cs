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
}
