using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Rtvi.Generators.Tests.Corpus;

namespace Rtvi.Generators.Tests;

/// <summary>
/// The metadata the generator emits (<c>Rtvi.RtviGeneratedJson</c>), compiled and loaded: it writes the same bytes as the
/// System.Text.Json generator's metadata for the same types and options, fails on the same bad input, and binds nested
/// records in actions without any serializer context.
/// </summary>
public sealed class JsonMetadataTests : IClassFixture<JsonMetadataTests.CorpusBot>
{
    private const string Source = """
        using System.Linq;
        using Rtvi.Generators.Tests.Corpus;

        [assembly: RtviJson(NamingPolicy = RtviJsonNamingPolicy.SnakeCaseLower)]

        namespace Bot;

        public sealed record Line(string Sku, int Quantity);
        public sealed record Order(string Customer, List<Line> Lines, Dictionary<string, string>? Notes = null);
        public sealed record Receipt(string Customer, int Items, IReadOnlyList<Line> Lines);
        public sealed record TypeInfo(int Level);

        public static class Handlers
        {
            [RtviAction("place", Service = "orders")]
            public static Receipt Place(Order order) => new(order.Customer, order.Lines.Sum(l => l.Quantity), order.Lines);

            [RtviAction("configure", Service = "orders")]
            public static int Configure(TypeInfo options) => options.Level;

            [RtviAction("person", Service = "corpus")]
            public static Person EchoPerson(Person person) => person;

            [RtviClientMessage("corpus.bag")]
            public static Bag EchoBag(Bag d) => d;
        }
        """;

    private readonly CorpusBot _bot;

    public JsonMetadataTests(CorpusBot bot) => _bot = bot;

    public static TheoryData<string> PersonInputs => new()
    {
        """{"name":"Ada","home":{"street":"Main","unit":null,"zip":1},"previous":[],"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff"}""",
        """{"name":"Ada","home":{"street":"Main","zip":1},"previous":[{"street":"Old","unit":"2b","zip":2}],"age":36,"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","joined":"2025-01-02T03:04:05+02:00","nick":"A","priority":"High","secret":"x","extra":[1]}""",
        """{"name":"Ada","home":{"street":"Main","zip":1},"previous":[],"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","priority":"high"}""",
        """{"name":null,"home":{"street":"Main","zip":1},"previous":[],"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff"}""",
        """{"name":"Ada","home":{"street":null,"zip":1},"previous":[],"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff"}""",
        """{"name":"Ada","previous":[],"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff"}""",
        """{"name":"Ada","home":{"street":"Main","zip":1},"previous":[]}""",
        """{"name":"Ada","home":{"street":"Main","zip":"1"},"previous":[],"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff"}""",
        """{"name":"Ada","home":{"street":"Main","zip":1},"previous":[],"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","priority":"Medium"}""",
        """{"name":"Ada","home":{"street":"Main","zip":1},"previous":null,"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff"}""",
        """{"name":"Ada","home":{"street":"Main","zip":1},"previous":[],"id":"not-a-guid"}""",
        """[1,2]""",
    };

    public static TheoryData<string> BagInputs => new()
    {
        """{}""",
        """{"numbers":[1,2],"fixed":[3],"places":{"home":{"street":"Main","zip":1}},"raw":{"a":[true,null]},"node":{"b":1},"levels":["Low","High"],"ratio":0.5}""",
        """{"numbers":null}""",
        """{"places":{"home":null}}""",
        """{"places":[]}""",
        """{"levels":[2]}""",
        """{"ratio":"NaN"}""",
        """{"fixed":[1,"2"]}""",
        """{"location":{"lat":59.9,"lon":10.7},"counter":{"count":3}}""",
        """{"location":{"lat":59.9}}""",
        """{"location":null,"counter":{"count":null}}""",
        """{"skips":3,"ratio":2}""",
    };

    [Theory]
    [MemberData(nameof(PersonInputs))]
    public void Generated_metadata_reads_and_writes_records_like_the_System_Text_Json_generator(string json) =>
        AssertSameAsStj(json, CorpusStjContext.Default.Person, _bot.TypeInfo<Person>());

    [Theory]
    [MemberData(nameof(BagInputs))]
    public void Generated_metadata_reads_and_writes_classes_and_collections_like_the_System_Text_Json_generator(string json) =>
        AssertSameAsStj(json, CorpusStjContext.Default.Bag, _bot.TypeInfo<Bag>());

    [Fact]
    public void Generated_metadata_writes_the_same_bytes_as_the_System_Text_Json_generator()
    {
        var person = new Person("Ada", new Address("Main", null, 1), [new Address("Old", "2b", 2)], 36)
        {
            Id = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"),
            Joined = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
            Nickname = "A",
            Secret = "never written",
            Priority = Priority.High,
        };
        var bag = new Bag
        {
            Numbers = [1, 2],
            Fixed = [3],
            Places = new() { ["home"] = new Address("Main", "1", 1) },
            Raw = JsonDocument.Parse("""{"a":[true,null]}""").RootElement,
            Node = new JsonObject { ["b"] = 1 },
            Levels = [Priority.Low],
            Ratio = 0.25,
            Location = new GeoPoint(59.9, 10.7),
            Counter = new Counter { Count = 2 },
            Skips = 0,
        };

        Assert.Equal(Write(person, CorpusStjContext.Default.Person), Write(person, _bot.TypeInfo<Person>()));
        Assert.Equal(Write(bag, CorpusStjContext.Default.Bag), Write(bag, _bot.TypeInfo<Bag>()));
        const string Expected = """
            {"name":"Ada","home":{"street":"Main","zip":1},"previous":[{"street":"Old","unit":"2b","zip":2}],"age":36,"id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","joined":"2025-01-02T03:04:05+02:00","nick":"A","priority":"High"}
            """;
        Assert.Equal(Expected, Write(person, _bot.TypeInfo<Person>()));
    }

    [Fact]
    public async Task An_action_binds_a_nested_record_argument_and_writes_a_nested_record_result_without_a_serializer_context()
    {
        var result = await _bot.InvokeAsync("orders:place",
            """{"order":{"customer":"Ada","lines":[{"sku":"a","quantity":2},{"sku":"b","quantity":3}],"notes":{"gift":"yes"}}}""");
        Assert.Equal("""{"customer":"Ada","items":5,"lines":[{"sku":"a","quantity":2},{"sku":"b","quantity":3}]}""", result);
    }

    [Theory]
    [InlineData("""{"order":{"customer":null,"lines":[]}}""")]
    [InlineData("""{"order":{"customer":"Ada","lines":[{"sku":null,"quantity":1}]}}""")]
    [InlineData("""{"order":{"customer":"Ada"}}""")]
    [InlineData("""{"order":{"customer":"Ada","lines":[{"sku":"a","quantity":"1"}]}}""")]
    public async Task Null_missing_or_mistyped_members_of_a_nested_record_are_binding_errors(string arguments)
    {
        var error = await Assert.ThrowsAsync<RtviBindingException>(() => _bot.InvokeAsync("orders:place", arguments));
        Assert.Equal("'order' does not match the expected shape", error.Message);
    }

    [Fact]
    public async Task A_type_named_like_a_member_of_the_generated_class_still_binds() =>
        Assert.Equal("7", await _bot.InvokeAsync("orders:configure", """{"options":{"level":7}}"""));

    [Fact]
    public void The_registry_gets_the_generated_resolver()
    {
        var resolver = _bot.Registry.JsonTypeInfoResolver;
        Assert.NotNull(resolver);
        Assert.NotNull(resolver.GetTypeInfo(typeof(Person), _bot.TypeInfo<Person>().Options));
    }

    [Fact]
    public async Task The_bots_own_context_wins_for_the_types_it_covers_and_the_registry_asks_it_first()
    {
        using var bot = GeneratorHarness.Load("""
            using Rtvi.Generators.Tests;

            namespace Bot;

            public sealed record Uncovered(string Name);

            public static class Mixed
            {
                [RtviAction("covered", Service = "mixed")] public static Forecast Covered(WeatherQuery query) => new(query.City, 1);
                [RtviAction("uncovered", Service = "mixed")] public static Uncovered Echo(Uncovered value) => value;
            }
            """);
        var registry = bot.BuildRegistry();

        // TestJsonContext names properties in camelCase; the generated metadata (no [assembly: RtviJson]) keeps C# names.
        Assert.Equal("""{"city":"Oslo","celsius":1}""", await CorpusBot.InvokeAsync(registry, "mixed:covered", """{"query":{"city":"Oslo"}}"""));
        Assert.Equal("""{"Name":"x"}""", await CorpusBot.InvokeAsync(registry, "mixed:uncovered", """{"value":{"Name":"x"}}"""));

        var options = new JsonSerializerOptions { TypeInfoResolver = registry.JsonTypeInfoResolver };
        Assert.Same(TestJsonContext.Default, options.GetTypeInfo(typeof(WeatherQuery)).OriginatingResolver);
        Assert.Equal("RtviGeneratedJson", options.GetTypeInfo(bot.Assembly.GetType("Bot.Uncovered", throwOnError: true)!).OriginatingResolver!.GetType().Name);
    }

    private static void AssertSameAsStj<T>(string json, JsonTypeInfo<T> stj, JsonTypeInfo<T> generated)
    {
        var expected = Read(json, stj);
        var actual = Read(json, generated);
        Assert.Equal(expected.Failure, actual.Failure);
        if (expected.Failure is null)
        {
            // The same value: both write the same bytes through the System.Text.Json generator's metadata.
            Assert.Equal(Write(expected.Value!, stj), Write(actual.Value!, stj));
            Assert.Equal(Write(expected.Value!, stj), Write(actual.Value!, generated));
        }
    }

    private static (T? Value, string? Failure) Read<T>(string json, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return (JsonSerializer.Deserialize(json, typeInfo), null);
        }
        catch (JsonException e)
        {
            return (default, e.GetType().Name + " at " + e.Path);
        }
    }

    private static string Write<T>(T value, JsonTypeInfo<T> typeInfo) => Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    /// <summary>Generates and loads the bot once, with no serializer context of its own.</summary>
    public sealed class CorpusBot : IDisposable
    {
        private readonly LoadedBot _bot = GeneratorHarness.LoadWithoutContext(Source);

        public CorpusBot() => Registry = _bot.BuildRegistry();

        public RtviRegistry Registry { get; }

        public JsonTypeInfo<T> TypeInfo<T>() =>
            (JsonTypeInfo<T>)_bot.Assembly.GetType("Rtvi.RtviGeneratedJson", throwOnError: true)!
                .GetMethod("TypeInfo")!.MakeGenericMethod(typeof(T)).Invoke(null, null)!;

        public Task<string> InvokeAsync(string key, string argumentsJson) => InvokeAsync(Registry, key, argumentsJson);

        public static async Task<string> InvokeAsync(RtviRegistry registry, string key, string argumentsJson)
        {
            using var document = JsonDocument.Parse(argumentsJson);
            var pairs = document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value));
            var result = await registry.FindAction(key)!.Handler(null!, RtviArguments.Create(pairs), CancellationToken.None);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                result.WriteTo(writer);
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        public void Dispose() => _bot.Dispose();
    }
}
