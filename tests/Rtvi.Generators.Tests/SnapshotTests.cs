namespace Rtvi.Generators.Tests;

/// <summary>The generated sources for representative bots, compared with <c>Snapshots/*.verified.cs</c>.</summary>
public sealed class SnapshotTests
{

    [Fact]
    public void Service_with_option_and_action() => Snapshot.Verify("""
        namespace Bot;

        public interface ITtsEngine { void Say(string text); }

        [RtviService("tts")]
        public sealed partial class TtsService(ITtsEngine engine)
        {
            [RtviOption("voice")]
            public ValueTask SetVoiceAsync(string voice, RtviOptionContext context, CancellationToken ct) => default;

            [RtviAction("say")]
            public Task<bool> SayAsync(string text, bool interrupt = false, CancellationToken ct = default)
            {
                engine.Say(text);
                return Task.FromResult(true);
            }
        }
        """);

    [Fact]
    public void Every_wire_type_as_an_action_argument() => Snapshot.Verify(jsonContext: true, source: """
        using System.Text.Json.Nodes;
        using Rtvi.Generators.Tests;

        namespace Bot;

        public enum Mood { Calm, Excited }

        public static class Types
        {
            [RtviAction("scalars", Service = "types")]
            public static void Scalars(bool flag, sbyte i8, byte u8, short i16, ushort u16, int i32, uint u32, long i64, ulong u64,
                float f32, double f64, decimal money, string text, Mood mood, Guid id, DateTime at, DateTimeOffset atOffset) { }

            [RtviAction("collections", Service = "types")]
            public static void Collections(int[] numbers, List<string> names, IReadOnlyList<Guid> ids, IEnumerable<Mood> moods,
                List<Forecast> forecasts, Dictionary<string, int> counts) { }

            [RtviAction("objects", Service = "types")]
            public static void Objects(JsonElement raw, JsonNode node, WeatherQuery query, TimeSpan duration) { }
        }
        """);

    [Fact]
    public void Every_result_type() => Snapshot.Verify(jsonContext: true, source: """
        using Rtvi.Generators.Tests;

        namespace Bot;

        public enum Mood { Calm, Excited }

        public static class Results
        {
            [RtviAction("void", Service = "results")] public static void Void() { }
            [RtviAction("task", Service = "results")] public static Task Task() => System.Threading.Tasks.Task.CompletedTask;
            [RtviAction("value_task", Service = "results")] public static ValueTask ValueTask() => default;
            [RtviAction("int", Service = "results")] public static ValueTask<int> Int() => new(1);
            [RtviAction("ulong", Service = "results")] public static ulong ULong() => 1;
            [RtviAction("double", Service = "results")] public static Task<double> Double() => System.Threading.Tasks.Task.FromResult(1.5);
            [RtviAction("nullable_long", Service = "results")] public static long? NullableLong() => null;
            [RtviAction("string", Service = "results")] public static string? String() => null;
            [RtviAction("mood", Service = "results")] public static Mood Mood() => Bot.Mood.Calm;
            [RtviAction("guid", Service = "results")] public static Guid Guid() => System.Guid.Empty;
            [RtviAction("at", Service = "results")] public static DateTimeOffset At() => DateTimeOffset.UnixEpoch;
            [RtviAction("element", Service = "results")] public static JsonElement Element() => default;
            [RtviAction("forecast", Service = "results")] public static Forecast Forecast() => new("Paris", 20);
            [RtviAction("names", Service = "results")] public static List<string> Names() => [];
            [RtviAction("renamed", Service = "results")] public static Forecast[] Renamed() => [];
            [RtviAction("raw", Service = "results")] public static RtviResult Raw() => RtviResult.FromBoolean(false);
            [RtviAction("echo", Service = "results"), RtviArgument("a", RtviWireType.Number), RtviArgument("b", RtviWireType.Object, IsOptional = true)]
            public static RtviArguments Echo(RtviArguments arguments) => arguments;
        }
        """);

    [Fact]
    public void Optional_and_nullable_parameters() => Snapshot.Verify(jsonContext: true, source: """
        using Rtvi.Generators.Tests;

        namespace Bot;

        public enum Mood { Calm, Excited }

        public static class Optional
        {
            [RtviAction("defaults", Service = "optional")]
            public static void Defaults(int count = 5, string greeting = "hi \"there\"", double ratio = 1.5, float gain = 0.25f,
                decimal price = 9.99m, long big = -1, Mood mood = Mood.Excited, bool loud = true, Guid id = default) { }

            [RtviAction("nullables", Service = "optional")]
            public static void Nullables(string? name, int? count, WeatherQuery? query, Mood? mood = null, int[]? numbers = null) { }

            [RtviOption("level", Service = "optional")]
            public static void SetLevel(double? level) { }
        }
        """);

    [Fact]
    public void Injected_parameters() => Snapshot.Verify("""
        namespace Bot;

        public interface IClock { DateTimeOffset Now { get; } }

        [RtviService("store")]
        public sealed class Store;

        [RtviService("agent")]
        public sealed class Agent
        {
            [RtviAction("run")]
            public Task RunAsync(string task, RtviSession session, RtviActionContext context, IClock clock, IClock? optionalClock,
                Store store, CancellationToken cancellationToken) => Task.CompletedTask;

            [RtviOption("mode")]
            public void SetMode(IClock clock, string mode, RtviSession session) { }
        }
        """);

    [Fact]
    public void Static_and_instance_handlers_outside_services() => Snapshot.Verify("""
        namespace Bot;

        public static class Globals
        {
            [RtviOption("model", Service = "llm")]
            public static Task SetModelAsync(string model) => Task.CompletedTask;
        }

        public class Counter
        {
            private int _count;

            [RtviAction("increment", Service = "counter")]
            public int Increment(int by = 1) => _count += by;
        }
        """);

    [Fact]
    public void Nested_types_generate_and_generic_types_are_skipped() => Snapshot.Verify("""
        namespace Bot;

        public static class Outer
        {
            public static class Inner
            {
                [RtviAction("nested", Service = "shape")]
                public static bool Nested() => true;
            }

            public static class Generic<T>
            {
                [RtviAction("generic", Service = "shape")]
                public static bool Skipped() => true;
            }
        }
        """);

    [Fact]
    public void Same_names_in_different_namespaces_and_overloads() => Snapshot.Verify("""
        namespace First
        {
            public static class Handlers
            {
                [RtviAction("go", Service = "first")] public static void Go() { }
                [RtviAction("go_far", Service = "first")] public static void Go(int distance) { }
            }
        }

        namespace Second
        {
            public static class Handlers
            {
                [RtviAction("go", Service = "second")] public static void Go() { }
            }
        }
        """);

    [Fact]
    public void Client_message_handlers() => Snapshot.Verify(jsonContext: true, source: """
        using Rtvi.Generators.Tests;

        namespace Bot;

        public static class Messages
        {
            [RtviClientMessage("get-weather")]
            public static Task<Forecast> GetWeatherAsync(WeatherQuery query, RtviSession session) =>
                Task.FromResult(new Forecast(query.City, 21.5));

            [RtviClientMessage("test.echo")]
            public static JsonElement Echo(JsonElement d = default) => d;

            [RtviClientMessage("ping")]
            public static void Ping(RtviClientMessageContext context) { }

            [RtviClientMessage("shout", Concurrent = true)]
            public static ValueTask<string> ShoutAsync(string text, CancellationToken cancellationToken) => new(text.ToUpperInvariant());
        }
        """);

    [Fact]
    public void Invalid_handlers_generate_nothing() => Snapshot.Verify("""
        namespace Bot;

        public abstract class Abstract
        {
            [RtviAction("abstract", Service = "bad")] public void Instance() { }
        }

        public static class Invalid
        {
            [RtviAction("no_service")] public static void NoService() { }
            [RtviAction("Bad Name", Service = "bad")] public static void BadName() { }
            [RtviAction("async_void", Service = "bad")] public static async void AsyncVoid() => await Task.Yield();
            [RtviAction("generic", Service = "bad")] public static void Generic<T>() { }
            [RtviAction("by_ref", Service = "bad")] public static void ByRef(ref int value) { }
            [RtviAction("tokens", Service = "bad")] public static void Tokens(CancellationToken a, CancellationToken b) { }
            [RtviAction("object", Service = "bad")] public static void Object(object value) { }
            [RtviAction("result", Service = "bad")] public static Func<int> Result() => () => 1;
            [RtviAction("raw_and_more", Service = "bad")] public static void RawAndMore(RtviArguments arguments, int value) { }
            [RtviOption("two", Service = "bad")] public static void Two(int a, int b) { }
            [RtviOption("returns", Service = "bad")] public static int Returns(int a) => a;
            [RtviClientMessage("action")] public static void BuiltIn() { }
            [RtviClientMessage("tts:say")] public static void Colon() { }
            [RtviClientMessage("two-data")] public static void TwoData(int a, int b) { }
            [RtviAction("private", Service = "bad")] private static void Private() { }
            [RtviAction("wrong_context", Service = "bad")] public static void WrongContext(RtviOptionContext context) { }
            public static readonly Action<string> Lambda = [RtviAction("lambda", Service = "bad")] (string text) => { };
            public static int Accessor { [RtviAction("accessor", Service = "bad")] get => 0; }

            public static void Local()
            {
                [RtviAction("local", Service = "bad")] static void Say(string text) { }
                [RtviClientMessage("local.message")] static void Echo(string text) { }
                Say("x");
                Echo("y");
            }
        }

        public sealed class Operators : ISpeaker
        {
            [RtviAction("operator", Service = "bad")] public static Operators operator +(Operators a, Operators b) => a;
            [RtviAction("explicit", Service = "bad")] void ISpeaker.Say(string text) { }
        }

        public interface ISpeaker { void Say(string text); }
        """);

    [Fact]
    public void Records_in_handlers_get_generated_metadata_without_a_context() => Snapshot.Verify("""
        using Rtvi.Generators.Tests;

        [assembly: RtviJson(NamingPolicy = RtviJsonNamingPolicy.SnakeCaseLower)]

        namespace Bot;

        public enum Unit { Celsius, Fahrenheit }
        public sealed record Place(string City, string? Country);
        public sealed record Reading(Place Place, double Value, Unit Unit, DateTimeOffset At);
        public sealed class Report
        {
            public required Guid Id { get; init; }
            public List<Reading> Readings { get; set; } = [];
            public Dictionary<string, int[]>? Counts { get; set; }
            [System.Text.Json.Serialization.JsonPropertyName("note")] public string? Comment { get; set; }
            [System.Text.Json.Serialization.JsonIgnore] public int Cache { get; set; }
        }

        public static class NoContext
        {
            [RtviAction("simple", Service = "plain")] public static int Simple(int value) => value;
            [RtviAction("complex", Service = "plain")] public static void Complex(WeatherQuery query) { }
            [RtviAction("list_result", Service = "plain")] public static List<string> ListResult() => [];
            [RtviAction("report", Service = "plain")] public static Report Summarize(IReadOnlyList<Reading> readings) => new() { Id = Guid.Empty };
        }
        """);

    [Fact]
    public void Types_the_generator_cannot_describe_skip_their_handler_without_a_context() => Snapshot.Verify("""
        using System.Text.Json.Serialization;

        namespace Bot;

        [JsonDerivedType(typeof(Circle), "circle")]
        public abstract record Shape;
        public sealed record Circle(double Radius) : Shape;
        public sealed record Drawing(string Name, Shape Shape);
        public sealed record Plain(string Name);

        public static class Shapes
        {
            [RtviAction("draw", Service = "shapes")] public static void Draw(Drawing drawing) { }
            [RtviAction("name", Service = "shapes")] public static string Name(Plain plain) => plain.Name;
        }
        """);

    [Fact]
    public void The_bots_context_wins_for_the_types_it_covers_and_the_generator_describes_the_rest() => Snapshot.Verify(jsonContext: true, source: """
        using Rtvi.Generators.Tests;

        namespace Bot;

        public sealed record Uncovered(string Name);

        public static class Coverage
        {
            [RtviAction("covered", Service = "coverage")] public static Forecast Covered(WeatherQuery query) => new(query.City, 0);
            [RtviAction("argument", Service = "coverage")] public static void Argument(Uncovered value) { }
            [RtviAction("result", Service = "coverage")] public static Uncovered Result() => new("x");
            [RtviAction("element", Service = "coverage")] public static void Element(List<Uncovered> values) { }
        }
        """);

    [Fact]
    public void Server_message_and_client_function_payloads_get_generated_metadata() => Snapshot.Verify("""
        namespace Bot;

        public sealed record Notice(string Kind, string Text);
        public sealed record LookupArgs(string City, int Days);

        public static class Notices
        {
            [RtviAction("notify", Service = "notices")]
            public static async Task NotifyAsync(RtviSession session, CancellationToken cancellationToken)
            {
                await session.Events.ServerMessageAsync(new Notice("info", "hello"), RtviGeneratedJson.Default.Notice, cancellationToken);
                var arguments = JsonSerializer.SerializeToElement(new LookupArgs("Oslo", 2), Rtvi.RtviGeneratedJson.Default.LookupArgs);
                await session.CallClientFunctionAsync("lookup", "call-1", arguments, cancellationToken: cancellationToken);
            }
        }
        """);

    [Fact]
    public void Obsolete_handlers_and_types_compile_without_warnings() => Snapshot.Verify("""
        namespace Bot;

        [Obsolete("use the new counter")]
        public sealed class OldCounter
        {
            private int _count;

            [RtviAction("increment", Service = "old_counter")]
            public int Increment(int by = 1) => _count += by;
        }

        public static class Legacy
        {
            [Obsolete]
            [RtviOption("mode", Service = "legacy")]
            public static void SetMode(string mode) { }
        }
        """);
}
