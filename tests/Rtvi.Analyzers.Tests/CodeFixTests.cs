namespace Rtvi.Analyzers.Tests;

/// <summary>One test per code fix: the diagnostic before, the fixed source after.</summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task Async_void_handler_becomes_async_Task() =>
        CodeFixVerifier<HandlerSignatureAnalyzer, CodeFixes.AsyncVoidCodeFixProvider>.VerifyAsync("""
            [RtviService("tts")]
            public class Tts
            {
                [RtviAction("say")]
                public async {|RTVI0002:void|} Say(string text) => await Task.Yield();
            }
            """, """
            [RtviService("tts")]
            public class Tts
            {
                [RtviAction("say")]
                public async Task Say(string text) => await Task.Yield();
            }
            """);

    [Fact]
    public Task Invalid_name_is_replaced_by_the_suggested_one() =>
        CodeFixVerifier<HandlerSignatureAnalyzer, CodeFixes.ValidNameCodeFixProvider>.VerifyAsync("""
            [RtviService("tts")]
            public class Tts
            {
                [RtviAction({|RTVI0101:"SetVoice"|})]
                public void SetVoice(string voice) { }
            }
            """, """
            [RtviService("tts")]
            public class Tts
            {
                [RtviAction("set_voice")]
                public void SetVoice(string voice) { }
            }
            """);

    [Fact]
    public Task Private_handler_and_its_private_class_become_public() =>
        CodeFixVerifier<HandlerSignatureAnalyzer, CodeFixes.MakeAccessibleCodeFixProvider>.VerifyAsync("""
            public class Bot
            {
                [RtviService("tts")]
                private class Tts
                {
                    [RtviAction("say")]
                    void {|RTVI0001:Say|}(string text) { }
                }
            }
            """, """
            public class Bot
            {
                [RtviService("tts")]
                public class Tts
                {
                    [RtviAction("say")]
                    public void Say(string text) { }
                }
            }
            """);

    [Fact]
    public Task Private_handler_becomes_internal_with_the_second_action() =>
        CodeFixVerifier<HandlerSignatureAnalyzer, CodeFixes.MakeAccessibleCodeFixProvider>.VerifyAsync("""
            [RtviService("tts")]
            public class Tts
            {
                [RtviAction("say")]
                private void {|RTVI0001:Say|}(string text) { }
            }
            """, """
            [RtviService("tts")]
            public class Tts
            {
                [RtviAction("say")]
                internal void Say(string text) { }
            }
            """, codeActionIndex: 1);

    [Fact]
    public Task Json_context_becomes_partial() =>
        CodeFixVerifier<JsonContextAnalyzer, CodeFixes.MakePartialCodeFixProvider>.VerifyAsync(
            "[assembly: RtviJsonContext(typeof(BotJsonContext))]\n\ninternal sealed class {|RTVI0203:BotJsonContext|} : JsonSerializerContext\n" + AnalyzerHarness.ContextBody + "\n",
            "[assembly: RtviJsonContext(typeof(BotJsonContext))]\n\ninternal sealed partial class BotJsonContext : JsonSerializerContext\n" + AnalyzerHarness.ContextBody + "\n");

    [Fact]
    public Task Missing_types_are_added_to_the_context_in_another_file() =>
        CodeFixVerifier<JsonContextAnalyzer, CodeFixes.AddJsonSerializableCodeFixProvider>.VerifyAsync(
            [
                """
                [JsonDerivedType(typeof(Circle), "circle")]
                public abstract record Point(double X, double Y);
                public sealed record Circle(double X, double Y, double Radius) : Point(X, Y);

                [RtviService("draw")]
                public class Draw
                {
                    [RtviAction("point")]
                    public {|RTVI0200:Point|} Move(Point {|RTVI0200:point|}) => point;
                }
                """,
                "[assembly: RtviJsonContext(typeof(BotJsonContext))]\n\n[JsonSerializable(typeof(string))]\ninternal partial class BotJsonContext : JsonSerializerContext\n" + AnalyzerHarness.ContextBody + "\n",
            ],
            [
                """
                [JsonDerivedType(typeof(Circle), "circle")]
                public abstract record Point(double X, double Y);
                public sealed record Circle(double X, double Y, double Radius) : Point(X, Y);

                [RtviService("draw")]
                public class Draw
                {
                    [RtviAction("point")]
                    public Point Move(Point point) => point;
                }
                """,
                "[assembly: RtviJsonContext(typeof(BotJsonContext))]\n\n[JsonSerializable(typeof(string))]\n[JsonSerializable(typeof(Point))]\ninternal partial class BotJsonContext : JsonSerializerContext\n" + AnalyzerHarness.ContextBody + "\n",
            ]);

    [Fact]
    public Task Ignored_argument_declaration_is_removed() =>
        CodeFixVerifier<ArgumentDeclarationAnalyzer, CodeFixes.RemoveIgnoredArgumentCodeFixProvider>.VerifyAsync("""
            [RtviService("tts")]
            public class Tts
            {
                /// <summary>Says the text.</summary>
                [RtviAction("say")]
                [{|RTVI0012:RtviArgument("text", RtviWireType.String)|}]
                public void Say(string text) { }

                /// <summary>Not an action.</summary>
                [{|RTVI0012:RtviArgument("a", RtviWireType.Number)|}]
                public static void Helper(RtviArguments arguments) { }

                [{|RTVI0012:RtviArgument("text", RtviWireType.String)|}]
                [RtviAction("shout")]
                public void Shout(string text) { }
            }
            """, """
            [RtviService("tts")]
            public class Tts
            {
                /// <summary>Says the text.</summary>
                [RtviAction("say")]
                public void Say(string text) { }

                /// <summary>Not an action.</summary>
                public static void Helper(RtviArguments arguments) { }

                [RtviAction("shout")]
                public void Shout(string text) { }
            }
            """);

    [Fact]
    public Task Ignored_argument_declarations_sharing_a_list_are_all_removed() =>
        CodeFixVerifier<ArgumentDeclarationAnalyzer, CodeFixes.RemoveIgnoredArgumentCodeFixProvider>.VerifyAsync("""
            [RtviService("tts")]
            public class Tts
            {
                [RtviAction("say"), {|RTVI0012:RtviArgument("text", RtviWireType.String)|}]
                [{|RTVI0012:RtviArgument("a", RtviWireType.Number)|}, {|RTVI0012:RtviArgument("b", RtviWireType.Number)|}]
                public void Say(string text) { }
            }
            """, """
            [RtviService("tts")]
            public class Tts
            {
                [RtviAction("say")]
                public void Say(string text) { }
            }
            """);

    [Fact]
    public Task Invalid_argument_name_is_replaced_by_the_suggested_one() =>
        CodeFixVerifier<ArgumentDeclarationAnalyzer, CodeFixes.ValidNameCodeFixProvider>.VerifyAsync("""
            [RtviService("calc")]
            public class Calculator
            {
                [RtviAction("add")]
                [RtviArgument({|RTVI0013:"firstValue"|}, RtviWireType.Number)]
                public static double Add(RtviArguments arguments) => 0;
            }
            """, """
            [RtviService("calc")]
            public class Calculator
            {
                [RtviAction("add")]
                [RtviArgument("first_value", RtviWireType.Number)]
                public static double Add(RtviArguments arguments) => 0;
            }
            """);
}
