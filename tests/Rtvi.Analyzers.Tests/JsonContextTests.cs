using Verify = Rtvi.Analyzers.Tests.AnalyzerVerifier<Rtvi.Analyzers.JsonContextAnalyzer>;

namespace Rtvi.Analyzers.Tests;

/// <summary>RTVI0200–RTVI0203: the bot's JsonSerializerContext and the complex types it must cover.</summary>
public sealed class JsonContextTests
{
    private const string Types = """
        public sealed record Point(double X, double Y);
        public sealed record Line(Point From, Point To);
        public sealed record Label(string Text);

        """;

    private static string Context(string attributes, string modifiers = "internal partial") =>
        "[assembly: RtviJsonContext(typeof(BotJsonContext))]\n" + attributes + "\n" + modifiers + " class {|#1:BotJsonContext|} : JsonSerializerContext\n" +
        AnalyzerHarness.ContextBody + "\n";

    [Fact]
    public Task RTVI0200_parameter_and_result_types_missing_from_the_context_are_reported() => Verify.VerifyAsync(
        Context("[JsonSerializable(typeof(Point))]") + Types + """
        [RtviService("draw")]
        public class Draw
        {
            [RtviAction("line")]
            public {|#2:Label|} Line(Line {|#0:line|}) => new("x");
        }
        """,
        Verify.Diagnostic(RtviDiagnosticIds.TypeNotInJsonContext).WithLocation(0).WithLocation(1)
            .WithArguments("Line", "parameter 'line'", "Draw.Line", "BotJsonContext"),
        Verify.Diagnostic(RtviDiagnosticIds.TypeNotInJsonContext).WithLocation(2).WithLocation(1)
            .WithArguments("Label", "result", "Draw.Line", "BotJsonContext"));

    [Fact]
    public Task RTVI0200_types_declared_or_reachable_from_the_context_are_accepted() => Verify.VerifyAsync(
        Context("[JsonSerializable(typeof(Line))]\n[JsonSerializable(typeof(List<Label>))]") + Types + """
        [RtviService("draw")]
        public class Draw
        {
            [RtviAction("line")]
            public List<Label> Line(Line line, Point? origin = null, int count = 1) => new();
        }
        """);

    [Fact]
    public Task RTVI0201_complex_type_without_a_context_is_reported() => Verify.VerifyAsync(Types + """
        [RtviService("draw")]
        public class Draw
        {
            [RtviAction("point")]
            public void Point(Point {|RTVI0201:point|}) { }
        }
        """);

    [Fact]
    public Task RTVI0201_primitive_types_need_no_context() => Verify.VerifyAsync("""
        [RtviService("draw")]
        public class Draw
        {
            [RtviAction("point")]
            public bool Point(double x, double y, string[] tags, List<int> counts, DateTimeOffset at) => true;
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
