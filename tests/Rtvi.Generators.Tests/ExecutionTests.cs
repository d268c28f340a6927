using System.Text;
using System.Text.Json;

namespace Rtvi.Generators.Tests;

/// <summary>
/// The generated code compiled with the runtime: <c>Register</c> fills a registry, and invoking the registered delegates
/// binds JSON into typed values (recorded by the test handlers in <c>Bot.Log.Received</c>).
/// </summary>
public sealed class ExecutionTests : IClassFixture<ExecutionTests.BotFixture>
{
    private const string Source = """
        using Rtvi.Generators.Tests;

        namespace Bot;

        public enum Mood { Calm, Excited }

        public static class Log
        {
            public static object?[] Received { get; set; } = [];
        }

        public static class Handlers
        {
            [RtviOption("level", Service = "audio")]
            public static void SetLevel(double level) => Log.Received = [level];

            [RtviAction("scalars", Service = "types")]
            public static void Scalars(bool flag, byte small, int count, long big, ulong huge, float gain, double ratio, decimal price,
                string text, Mood mood, Guid id, DateTime at, DateTimeOffset atOffset) =>
                Log.Received = [flag, small, count, big, huge, gain, ratio, price, text, mood, id, at, atOffset];

            [RtviAction("collections", Service = "types")]
            public static void Collections(int[] numbers, List<string> names, IReadOnlyList<Mood> moods, JsonElement raw) =>
                Log.Received = [numbers, names, moods, raw.GetRawText()];

            [RtviAction("defaults", Service = "types")]
            public static void Defaults(int count = 5, string greeting = "hi", Mood mood = Mood.Excited, double? ratio = null) =>
                Log.Received = [count, greeting, mood, ratio];

            [RtviAction("nullables", Service = "types")]
            public static void Nullables(string? name, int? count, WeatherQuery? query) => Log.Received = [name, count, query];

            [RtviAction("forecast", Service = "weather")]
            public static Task<Forecast> ForecastAsync(WeatherQuery query, bool loud = false) =>
                Task.FromResult(new Forecast(query.City, query.Days * 10.5));

            [RtviAction("names", Service = "weather")]
            public static List<string> Names(int take) => new List<string> { "a", "b", "c" }.GetRange(0, take);

            [RtviAction("echo", Service = "test")]
            [RtviArgument("a", RtviWireType.Number)]
            [RtviArgument("b", RtviWireType.Object, IsOptional = true)]
            public static RtviArguments Echo(RtviArguments arguments) => arguments;

            [RtviAction("nothing", Service = "test")]
            public static ValueTask NothingAsync() => default;

            [RtviClientMessage("get-weather")]
            public static Forecast GetWeather(WeatherQuery query) => new(query.City, 1);

            [RtviClientMessage("test.echo", Concurrent = true)]
            public static JsonElement Echo(JsonElement d = default) => d;

            [RtviClientMessage("ping")]
            public static void Ping() => Log.Received = ["ping"];
        }
        """;

    private readonly BotFixture _bot;

    public ExecutionTests(BotFixture bot) => _bot = bot;

    [Fact]
    public void Register_declares_services_options_and_actions_in_declaration_order_with_wire_types()
    {
        var registry = _bot.Registry;
        // Only options declare services here (no [RtviService] class): actions alone do not appear in describe-config.
        Assert.Equal(["audio"], registry.Services.Select(s => s.Name));
        Assert.Equal(RtviWireType.Number, registry.FindService("audio")!.FindOption("level")!.Type);
        Assert.Equal(
            ["types:scalars", "types:collections", "types:defaults", "types:nullables", "weather:forecast", "weather:names", "test:echo", "test:nothing"],
            registry.Actions.Select(a => a.Key));
        Assert.Equal(
            "flag:Bool small:Number count:Number big:Number huge:Number gain:Number ratio:Number price:Number text:String mood:String id:String at:String at_offset:String",
            Describe(registry.FindAction("types:scalars")!));
        Assert.Equal("numbers:Array names:Array moods:Array raw:Object", Describe(registry.FindAction("types:collections")!));
        Assert.Equal("count:Number? greeting:String? mood:String? ratio:Number?", Describe(registry.FindAction("types:defaults")!));
        Assert.Equal("query:Object loud:Bool?", Describe(registry.FindAction("weather:forecast")!));
        Assert.Equal(RtviWireType.Object, registry.FindAction("weather:forecast")!.Result);
        Assert.Equal(RtviWireType.Array, registry.FindAction("weather:names")!.Result);
        Assert.Equal(RtviWireType.Bool, registry.FindAction("test:nothing")!.Result);
        Assert.Equal("a:Number b:Object?", Describe(registry.FindAction("test:echo")!));
        Assert.Equal(RtviWireType.Object, registry.FindAction("test:echo")!.Result);
        Assert.Equal(["get-weather", "test.echo", "ping"], registry.ClientMessages.Select(c => c.Type));
        Assert.Equal([false, true, false], registry.ClientMessages.Select(c => c.IsConcurrent));
    }

    [Fact]
    public async Task Action_binds_every_scalar_type()
    {
        var result = await Invoke("types:scalars", """
            {"flag":true,"small":255,"count":-7,"big":9007199254740993,"huge":18446744073709551615,"gain":0.5,"ratio":1e300,
             "price":12.345,"text":"hé","mood":"excited","id":"6f9619ff-8b86-d011-b42d-00cf4fc964ff",
             "at":"2025-01-02T03:04:05Z","at_offset":"2025-01-02T03:04:05+02:00"}
            """);
        Assert.Equal("true", result);
        Assert.Equal<object?>(
            [true, (byte)255, -7, 9007199254740993L, ulong.MaxValue, 0.5f, 1e300, 12.345m, "hé", Enum.Parse(_bot.MoodType, "Excited"),
             Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc),
             new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))],
            _bot.Received);
    }

    [Fact]
    public async Task Action_binds_arrays_lists_and_raw_json()
    {
        await Invoke("types:collections", """{"numbers":[1,2,3],"names":["x"],"moods":["calm","EXCITED"],"raw":{"a":[1,null]}}""");
        var received = _bot.Received;
        Assert.Equal([1, 2, 3], (int[])received[0]!);
        Assert.Equal(["x"], (List<string>)received[1]!);
        Assert.Equal(2, ((System.Collections.IEnumerable)received[2]!).Cast<object>().Count());
        Assert.Equal("""{"a":[1,null]}""", received[3]);
    }

    [Fact]
    public async Task Missing_optional_arguments_take_their_csharp_defaults()
    {
        await Invoke("types:defaults", "{}");
        Assert.Equal<object?>([5, "hi", Enum.Parse(_bot.MoodType, "Excited"), null], _bot.Received);
    }

    [Fact]
    public async Task Nullable_arguments_accept_json_null_and_absence()
    {
        await Invoke("types:nullables", """{"name":null,"query":null}""");
        Assert.Equal<object?>([null, null, null], _bot.Received);
    }

    [Theory]
    [InlineData("types:defaults", """{"count":"5"}""", "'count' must be a number")]
    [InlineData("types:defaults", """{"count":1.5}""", "'count' is out of range")]
    [InlineData("types:defaults", """{"mood":"angry"}""", "'mood' must be one of: Calm, Excited")]
    [InlineData("types:collections", """{"numbers":[1,"x"],"names":[],"moods":[],"raw":1}""", "'numbers[1]' must be a number")]
    [InlineData("weather:forecast", "{}", "missing required argument 'query'")]
    [InlineData("weather:forecast", """{"query":null}""", "'query' must not be null")]
    [InlineData("weather:forecast", """{"query":{"city":5}}""", "'query' does not match the expected shape")]
    [InlineData("weather:names", """{"take":null}""", "'take' must be a number")]
    public async Task Wrong_or_missing_arguments_are_binding_errors_naming_the_argument(string action, string arguments, string message)
    {
        var error = await Assert.ThrowsAsync<RtviBindingException>(() => Invoke(action, arguments));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Complex_arguments_and_results_use_the_serializer_context()
    {
        Assert.Equal("""{"city":"Oslo","celsius":31.5}""", await Invoke("weather:forecast", """{"query":{"city":"Oslo","days":3}}"""));
        Assert.Equal("""["a","b"]""", await Invoke("weather:names", """{"take":2}"""));
    }

    [Fact]
    public async Task Raw_argument_actions_get_the_map_as_sent_and_void_actions_return_true()
    {
        Assert.Equal("""{"a":"two","z":null}""", await Invoke("test:echo", """{"a":1,"z":null,"a":"two"}"""));
        Assert.Equal("true", await Invoke("test:nothing", "{}"));
    }

    [Fact]
    public async Task Option_binding_converts_first_and_runs_the_handler_only_when_applied()
    {
        _bot.Received = [];
        var bind = _bot.Registry.FindService("audio")!.FindOption("level")!.Binder;
        var apply = bind(Json("0.75"));
        Assert.Empty(_bot.Received);
        await apply(null!, CancellationToken.None);
        Assert.Equal<object?>([0.75], _bot.Received);
        Assert.Equal("'level' must be a number", Assert.Throws<RtviBindingException>(() => bind(Json("\"loud\""))).Message);
    }

    [Fact]
    public async Task Client_messages_bind_d_and_return_the_response_data()
    {
        Assert.Equal("""{"city":"Rome","celsius":1}""", await Send("get-weather", Json("""{"city":"Rome"}""")));
        Assert.Equal("[1,2]", await Send("test.echo", Json("[1,2]")));
        Assert.Null(await Send("test.echo", default));
        Assert.Null(await Send("ping", default));
        Assert.Equal<object?>(["ping"], _bot.Received);
        var error = await Assert.ThrowsAsync<RtviBindingException>(() => Send("get-weather", default));
        Assert.Equal("missing required argument 'd'", error.Message);
    }

    private async Task<string?> Invoke(string key, string argumentsJson)
    {
        using var document = JsonDocument.Parse(argumentsJson);
        var pairs = document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value));
        var result = await _bot.Registry.FindAction(key)!.Handler(null!, RtviArguments.Create(pairs), CancellationToken.None);
        return Write(result);
    }

    private async Task<string?> Send(string type, JsonElement data) =>
        Write(await _bot.Registry.FindClientMessage(type)!.Handler(null!, data, CancellationToken.None));

    private static string? Write(RtviResult result)
    {
        if (result.IsNone)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            result.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string Describe(RtviActionDescriptor action) =>
        string.Join(" ", action.Arguments.Select(a => a.Name + ":" + a.Type + (a.IsOptional ? "?" : "")));

    /// <summary>Generates and loads the bot once for all tests of the class.</summary>
    public sealed class BotFixture : IDisposable
    {
        private readonly LoadedBot _bot = GeneratorHarness.Load(Source);

        public BotFixture() => Registry = _bot.BuildRegistry();

        public RtviRegistry Registry { get; }

        public Type MoodType => _bot.Assembly.GetType("Bot.Mood", throwOnError: true)!;

        public object?[] Received
        {
            get => (object?[])_bot.Static("Bot.Log", "Received")!;
            set => _bot.Assembly.GetType("Bot.Log")!.GetProperty("Received")!.SetValue(null, value);
        }

        public void Dispose() => _bot.Dispose();
    }
}
