using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = Rtvi.Analyzers.Tests.AnalyzerVerifier<Rtvi.Analyzers.ArgumentDeclarationAnalyzer>;

namespace Rtvi.Analyzers.Tests;

/// <summary>RTVI0012, RTVI0013: [RtviArgument] declarations, which only an action taking the raw RtviArguments map lists.</summary>
public sealed class ArgumentDeclarationTests
{
    private static DiagnosticResult Warning(string id) => new(id, DiagnosticSeverity.Warning);

    [Fact]
    public Task RTVI0012_argument_on_an_action_with_typed_parameters_is_reported() => Verify.VerifyAsync("""
        [RtviService("tts")]
        public class Tts
        {
            [RtviAction("say")]
            [{|#0:RtviArgument("text", RtviWireType.String)|}]
            public void Say(string text) { }
        }
        """,
        Warning(RtviDiagnosticIds.IgnoredArgumentDeclaration).WithLocation(0).WithArguments(
            "text", "Tts.Say", "this action declares its arguments through its typed parameters"));

    [Fact]
    public Task RTVI0012_argument_on_a_method_that_is_not_an_action_is_reported_for_each_declaration() => Verify.VerifyAsync("""
        [RtviService("tts")]
        public class Tts
        {
            [RtviOption("voice")]
            [{|#0:RtviArgument("voice", RtviWireType.String)|}]
            public void SetVoice(string voice) { }

            [{|#1:RtviArgument("a", RtviWireType.Number)|}, {|#2:RtviArgument("b", RtviWireType.Number, IsOptional = true)|}]
            public static void Helper(RtviArguments arguments) { }
        }
        """,
        Warning(RtviDiagnosticIds.IgnoredArgumentDeclaration).WithLocation(0).WithArguments(
            "voice", "Tts.SetVoice", "only an [RtviAction] taking the raw RtviArguments map lists declared arguments"),
        Warning(RtviDiagnosticIds.IgnoredArgumentDeclaration).WithLocation(1).WithArguments(
            "a", "Tts.Helper", "only an [RtviAction] taking the raw RtviArguments map lists declared arguments"),
        Warning(RtviDiagnosticIds.IgnoredArgumentDeclaration).WithLocation(2).WithArguments(
            "b", "Tts.Helper", "only an [RtviAction] taking the raw RtviArguments map lists declared arguments"));

    [Fact]
    public Task RTVI0012_arguments_on_an_action_taking_the_raw_map_are_accepted() => Verify.VerifyAsync("""
        [RtviService("calc")]
        public class Calculator
        {
            [RtviAction("add")]
            [RtviArgument("a", RtviWireType.Number)]
            [RtviArgument("b", RtviWireType.Number, IsOptional = true)]
            public static double Add(RtviArguments arguments, CancellationToken cancellationToken) => 0;

            [RtviAction("sum", Service = "other")]
            [RtviArgument("values", RtviWireType.Array)]
            public static double Sum(RtviActionContext context, RtviArguments arguments) => 0;
        }
        """);

    [Fact]
    public Task RTVI0013_argument_name_declared_twice_is_reported_on_the_repetition() => Verify.VerifyAsync("""
        [RtviService("calc")]
        public class Calculator
        {
            [RtviAction("add")]
            [RtviArgument({|#0:"a"|}, RtviWireType.Number)]
            [RtviArgument("b", RtviWireType.Number)]
            [RtviArgument({|#1:"a"|}, RtviWireType.String, IsOptional = true)]
            public static double Add(RtviArguments arguments) => 0;
        }
        """,
        Warning(RtviDiagnosticIds.InvalidArgumentDeclaration).WithLocation(1).WithLocation(0).WithArguments(
            "a", "Calculator.Add", "is declared more than once: describe-actions would list it twice"));

    [Fact]
    public Task RTVI0013_invalid_argument_name_is_reported_with_a_suggestion() => Verify.VerifyAsync("""
        [RtviService("calc")]
        public class Calculator
        {
            [RtviAction("add")]
            [RtviArgument({|#0:"firstValue"|}, RtviWireType.Number)]
            [RtviArgument({|#1:"2"|}, RtviWireType.Number)]
            public static double Add(RtviArguments arguments) => 0;
        }
        """,
        Warning(RtviDiagnosticIds.InvalidArgumentDeclaration).WithLocation(0).WithArguments(
            "firstValue", "Calculator.Add",
            "is not a valid name: wire names are lowercase letters and digits, start with a letter, and separate words with a single '_' or '-' (for example 'set_voice'); 'first_value' would be valid"),
        Warning(RtviDiagnosticIds.InvalidArgumentDeclaration).WithLocation(1).WithArguments(
            "2", "Calculator.Add",
            "is not a valid name: wire names are lowercase letters and digits, start with a letter, and separate words with a single '_' or '-' (for example 'set_voice')"));

    [Fact]
    public Task RTVI0013_distinct_valid_names_are_accepted() => Verify.VerifyAsync("""
        public static class Calculator
        {
            [RtviAction("add", Service = "calc")]
            [RtviArgument("a", RtviWireType.Number)]
            [RtviArgument("run-now", RtviWireType.Bool)]
            [RtviArgument("run_later", RtviWireType.Bool)]
            public static double Add(RtviArguments arguments) => 0;
        }
        """);
}
