using Microsoft.CodeAnalysis;
using Rtvi.CodeAnalysis;

namespace Rtvi.Generators.Tests;

/// <summary>The shared rule "can the generator describe this type for System.Text.Json, and if not, which member and why".</summary>
public sealed class JsonTypeDescriberTests
{
    private const string Types = """
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;

        namespace Bot;

        public enum Mood { Calm, Excited }
        public sealed record Place(string City, string? Country);
        public sealed record Everything(Place Place, List<Place> Places, Place[] Array, IReadOnlyList<Mood> Moods, Dictionary<string, Place> ByName,
            IDictionary<string, int> Counts, int? Maybe, Guid Id, DateTimeOffset At, JsonElement Raw, JsonNode? Node, TimeSpan Span, byte[] Bytes)
        {
            public required string Name { get; init; }
            [JsonPropertyName("x")] public int Renamed { get; set; }
            [JsonIgnore] public object? Ignored { get; set; }
        }

        [JsonDerivedType(typeof(Circle), "circle")]
        public record Shape;
        public sealed record Circle(double Radius) : Shape;
        public abstract class Base { }
        public sealed record Canvas(string Name, List<Shape> Shapes);
        public sealed record WithConverter([property: JsonConverter(typeof(JsonStringEnumConverter<Mood>))] Mood Mood);
        public sealed class WithExtensionData { [JsonExtensionData] public Dictionary<string, JsonElement>? Rest { get; set; } }
        public sealed record WithObject(object Value);
        public sealed record IntKeys(Dictionary<int, string> Map);
        public sealed class TwoConstructors { public TwoConstructors(int a) { } public TwoConstructors(string b) { } }
        public sealed class Unmatched { public Unmatched(int hidden) { } public int Shown { get; set; } }

        public static class Holder
        {
            public static Everything? E;
            public static Shape? S;
            public static Base? B;
            public static Canvas? C;
            public static WithConverter? W;
            public static WithExtensionData? X;
            public static WithObject? O;
            public static IntKeys? K;
            public static TwoConstructors? T;
            public static Unmatched? U;
        }
        """;

    [Fact]
    public void Records_collections_dictionaries_enums_and_built_in_values_are_described_with_everything_reachable()
    {
        var graph = Describe("E");
        Assert.True(graph.IsDescribable, graph.Failure?.Describe());
        var names = graph.Types.Select(t => t.Type.ToDisplayString()).ToHashSet();
        Assert.Superset(new HashSet<string> { "Bot.Everything", "Bot.Place", "System.Collections.Generic.List<Bot.Place>", "Bot.Place[]",
            "System.Collections.Generic.IReadOnlyList<Bot.Mood>", "Bot.Mood", "int?", "int", "string", "System.Guid", "byte[]" }, names);
        Assert.DoesNotContain("object", names);
        var everything = graph.Types[0];
        Assert.Equal(JsonTypeKind.Object, everything.Kind);
        Assert.Contains(everything.Members, m => m.Property.Name == "Name" && m.IsRequired && m.IsInitOnly && m.IsNonNullable);
        Assert.Contains(everything.Members, m => m.Property.Name == "Renamed" && m.JsonName == "x");
        Assert.DoesNotContain(everything.Members, m => m.Property.Name == "Ignored");
    }

    [Theory]
    [InlineData("S", "'Bot.Shape' is polymorphic (abstract, an interface, or [JsonPolymorphic]/[JsonDerivedType])")]
    [InlineData("B", "'Bot.Base' is polymorphic (abstract, an interface, or [JsonPolymorphic]/[JsonDerivedType])")]
    [InlineData("C", "'Bot.Shape' (reached through 'Bot.Canvas.Shapes') is polymorphic (abstract, an interface, or [JsonPolymorphic]/[JsonDerivedType])")]
    [InlineData("W", "member 'Bot.WithConverter.Mood' has [JsonConverter]")]
    [InlineData("X", "member 'Bot.WithExtensionData.Rest' has [JsonExtensionData], which the generator does not implement")]
    [InlineData("O", "'object' (reached through 'Bot.WithObject.Value') has no JSON shape the generator can describe")]
    [InlineData("K", "'System.Collections.Generic.Dictionary<int, string>' (reached through 'Bot.IntKeys.Map') has no JSON shape the generator can describe")]
    [InlineData("T", "'Bot.TwoConstructors' has no constructor System.Text.Json can use (one public constructor, a parameterless one, or [JsonConstructor])")]
    [InlineData("U", "constructor parameter 'hidden' of 'Bot.Unmatched' matches no public property (System.Text.Json binds constructor parameters to properties by name)")]
    public void Types_the_generator_cannot_describe_name_the_type_or_member_and_why(string field, string reason)
    {
        var graph = Describe(field);
        Assert.False(graph.IsDescribable);
        Assert.Equal(reason, graph.Failure!.Describe());
    }

    private static JsonTypeGraph Describe(string field)
    {
        var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.Usings, Types);
        var holder = compilation.GetTypeByMetadataName("Bot.Holder")!;
        var type = ((IFieldSymbol)holder.GetMembers(field).Single()).Type;
        return JsonTypeDescriber.Describe(type, KnownTypes.Get(compilation));
    }
}
