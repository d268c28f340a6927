using Verify = Rtvi.Analyzers.Tests.AnalyzerVerifier<Rtvi.Analyzers.JsonContextAnalyzer>;

namespace Rtvi.Analyzers.Tests;

/// <summary>RTVI0200–RTVI0203: the bot's JsonSerializerContext and the complex types it must cover (only those the generator cannot describe).</summary>
public sealed class JsonContextTests
{
    private const string Types = """
        public sealed record Point(double X, double Y);
        public sealed record Line(Point From, Point To);
        public sealed record Label(string Text);

        [JsonDerivedType(typeof(Circle), "circle")]
        public abstract record Shape;
        public sealed record Circle(double Radius) : Shape;
        public sealed record Canvas(string Name, List<Shape> Shapes);
        public sealed class Upper : JsonConverter<string>
        {
            public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!.ToUpperInvariant();
            public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
        }
        public sealed record Shout([property: JsonConverter(typeof(Upper))] string Text);

        """;

    private static string Context(string attributes, string modifiers = "internal partial") =>
        "[assembly: RtviJsonContext(typeof(BotJsonContext))]\n" + attributes + "\n" + modifiers + " class {|#1:BotJsonContext|} : JsonSerializerContext\n" +
        AnalyzerHarness.ContextBody + "\n";

    [Fact]
    public Task RTVI0200_types_the_generator_cannot_describe_missing_from_the_context_are_reported() => Verify.VerifyAsync(
        Context("[JsonSerializable(typeof(Point))]") + Types + """
        [RtviService("draw")]
        public class Draw
        {
            [RtviAction("canvas")]
            public {|#2:Shout|} Paint(Canvas {|#0:canvas|}, Line line) => new("x");
        }
        """,
        Verify.Diagnostic(RtviDiagnosticIds.TypeNotInJsonContext).WithLocation(0).WithLocation(1)
            .WithArguments("Canvas", "parameter 'canvas'", "Draw.Paint", "BotJsonContext",
                "'Shape' (reached through 'Canvas.Shapes') is polymorphic (abstract, an interface, or [JsonPolymorphic]/[JsonDerivedType])"),
        Verify.Diagnostic(RtviDiagnosticIds.TypeNotInJsonContext).WithLocation(2).WithLocation(1)
            .WithArguments("Shout", "result", "Draw.Paint", "BotJsonContext", "member 'Shout.Text' has [JsonConverter]"));

    [Fact]
    public Task RTVI0200_polymorphic_types_declared_or_reachable_from_the_context_are_accepted() => Verify.VerifyAsync(
        Context("[JsonSerializable(typeof(Canvas))]") + Types + """
        [RtviService("draw")]
        public class Draw
        {
            [RtviAction("canvas")]
            public Shape Paint(Canvas canvas) => canvas.Shapes[0];
        }
        """);

    [Fact]
    public Task RTVI0200_records_the_generator_describes_need_no_entry_in_the_context() => Verify.VerifyAsync(
        Context("[JsonSerializable(typeof(Point))]") + Types + """
        [RtviService("draw")]
        public class Draw
        {
            [RtviAction("line")]
            public List<Label> Line(Line line, Point? origin = null, int count = 1) => new();
        }
        """);

    [Fact]
    public Task RTVI0201_polymorphic_type_without_a_context_is_reported() => Verify.VerifyAsync(Types + """
        [RtviService("draw")]
        public class Draw
        {
            [RtviAction("shape")]
            public void Shape(Shape {|#0:shape|}) { }
        }
        """,
        Verify.Diagnostic(RtviDiagnosticIds.MissingJsonContext).WithLocation(0)
            .WithArguments("Draw.Shape", "Shape", "'Shape' is polymorphic (abstract, an interface, or [JsonPolymorphic]/[JsonDerivedType])"));

    [Fact]
    public Task RTVI0201_records_and_primitive_types_need_no_context() => Verify.VerifyAsync(Types + """
        [RtviService("draw")]
        public class Draw
        {
            [RtviAction("point")]
            public Line Point(Point point, double x, string[] tags, List<int> counts, DateTimeOffset at, Dictionary<string, Label> labels) => new(point, point);
        }
        """);

    [Fact]
    public Task RTVI0202_context_that_is_not_a_JsonSerializerContext_is_reported() => Verify.VerifyAsync("""
        [assembly: RtviJsonContext({|RTVI0202:typeof(NotAContext)|})]

        internal sealed class NotAContext { }
        """);

    [Fact]
    public Task RTVI0202_JsonSerializerContext_is_accepted() => Verify.VerifyAsync(Context("[JsonSerializable(typeof(Point))]") + Types);

    [Fact]
    public Task RTVI0203_context_that_is_not_partial_is_reported() => Verify.VerifyAsync(
        Context("[JsonSerializable(typeof(Point))]", modifiers: "internal") + Types,
        Verify.Diagnostic(RtviDiagnosticIds.JsonContextNotPartial).WithLocation(1).WithArguments("BotJsonContext"));

    [Fact]
    public Task RTVI0203_nested_context_needs_partial_containing_types() => Verify.VerifyAsync("""
        [assembly: RtviJsonContext(typeof(Outer.BotJsonContext))]

        public class Outer
        {
            internal partial class {|RTVI0203:BotJsonContext|} : JsonSerializerContext
            {
                public BotJsonContext() : base(null) { }
                protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override JsonTypeInfo? GetTypeInfo(Type type) => null;
            }
        }
        """);
}
