using Verify = Rtvi.Analyzers.Tests.AnalyzerVerifier<Rtvi.Analyzers.HandlerSignatureAnalyzer>;

namespace Rtvi.Analyzers.Tests;

/// <summary>RTVI0001–RTVI0011, RTVI0014: handler shapes the generator cannot bind.</summary>
public sealed class HandlerShapeTests
{
    private static string Service(string members) => $$"""
        [RtviService("tts")]
        public class Tts
        {
        {{members}}
        }
        """;

    [Fact]
    public Task RTVI0001_private_handler_is_reported() => Verify.VerifyAsync(Service("""
            [RtviAction("say")]
            private void {|RTVI0001:Say|}(string text) { }
        """));

    [Fact]
    public Task RTVI0001_private_parameter_type_is_reported_on_the_parameter() => Verify.VerifyAsync("""
        public class Outer
        {
            private sealed record Secret(string Value);

            [RtviAction("say", Service = "tts")]
            private static void {|RTVI0001:Say|}(Secret {|RTVI0001:secret|}) { }
        }
        """);

    [Fact]
    public Task RTVI0001_public_and_internal_handlers_are_accepted() => Verify.VerifyAsync(Service("""
            [RtviAction("say")]
            public void Say(string text) { }

            [RtviAction("stop")]
            internal void Stop() { }
        """));

    [Fact]
    public Task RTVI0002_async_void_handler_is_reported() => Verify.VerifyAsync(Service("""
            [RtviAction("say")]
            public async {|RTVI0002:void|} Say(string text) => await Task.Yield();
        """));

    [Fact]
    public Task RTVI0002_async_Task_handler_is_accepted() => Verify.VerifyAsync(Service("""
            [RtviAction("say")]
            public async Task Say(string text) => await Task.Yield();
        """));

    [Fact]
    public Task RTVI0003_option_returning_a_value_is_reported() => Verify.VerifyAsync(Service("""
            [RtviOption("voice")]
            public {|RTVI0003:int|} SetVoice(string voice) => voice.Length;
        """));

    [Fact]
    public Task RTVI0003_option_returning_ValueTask_is_accepted() => Verify.VerifyAsync(Service("""
            [RtviOption("voice")]
            public ValueTask SetVoice(string voice) => default;
        """));

    [Fact]
    public Task RTVI0004_generic_handler_is_reported() => Verify.VerifyAsync(Service("""
            [RtviAction("say")]
            public void {|RTVI0004:Say|}<T>(string text) { }
        """));

    [Fact]
    public Task RTVI0004_non_generic_handler_is_accepted() => Verify.VerifyAsync(Service("""
            [RtviAction("say")]
            public void Say(string text) { }
        """));

    [Fact]
    public Task RTVI0005_ref_parameter_is_reported() => Verify.VerifyAsync(Service("""
            [RtviAction("say")]
            public void Say(ref string {|RTVI0005:text|}) { }
        """));

    [Fact]
    public Task RTVI0005_by_value_parameter_is_accepted() => Verify.VerifyAsync(Service("""
            [RtviAction("say")]
            public void Say(string text, int count) { }
        """));

    [Fact]
    public Task RTVI0006_second_CancellationToken_is_reported() => Verify.VerifyAsync(Service("""
            [RtviAction("say")]
            public Task Say(string text, CancellationToken first, CancellationToken {|RTVI0006:second|}) => Task.CompletedTask;
        """));

    [Fact]
    public Task RTVI0006_one_CancellationToken_is_accepted() => Verify.VerifyAsync(Service("""
            [RtviAction("say")]
            public Task Say(string text, CancellationToken cancellationToken) => Task.CompletedTask;
        """));

    [Fact]
    public Task RTVI0007_object_parameter_and_foreign_context_are_reported() => Verify.VerifyAsync(Service("""
            [RtviAction("say")]
            public void Say(object {|RTVI0007:value|}, RtviOptionContext {|RTVI0007:context|}) { }
        """));

    [Fact]
    public Task RTVI0007_wire_and_injected_parameters_are_accepted() => Verify.VerifyAsync(Service("""
            [RtviAction("say")]
            public void Say(string text, double[] weights, DayOfWeek day, JsonElement extra, RtviSession session,
                RtviActionContext context, IServiceProvider services, CancellationToken cancellationToken) { }
        """));

    [Fact]
    public Task RTVI0008_option_with_two_values_is_reported() => Verify.VerifyAsync(Service("""
            [RtviOption("voice")]
            public void {|RTVI0008:SetVoice|}(string voice, int speed) { }
        """));

    [Fact]
    public Task RTVI0008_option_with_no_value_is_reported() => Verify.VerifyAsync(Service("""
            [RtviOption("voice")]
            public void {|RTVI0008:SetVoice|}(CancellationToken cancellationToken) { }
        """));

    [Fact]
    public Task RTVI0008_option_with_one_value_and_injected_parameters_is_accepted() => Verify.VerifyAsync(Service("""
            [RtviOption("voice")]
            public void SetVoice(string voice, RtviOptionContext context, CancellationToken cancellationToken) { }
        """));

    [Fact]
    public Task RTVI0009_unmappable_result_is_reported() => Verify.VerifyAsync(Service("""
            [RtviAction("get")]
            public {|RTVI0009:Task<object>|} Get() => Task.FromResult(new object());
        """));

    [Fact]
    public Task RTVI0009_mappable_results_are_accepted() => Verify.VerifyAsync(Service("""
            [RtviAction("get")]
            public Task<string> Get() => Task.FromResult("x");

            [RtviAction("count")]
            public int Count() => 1;
        """));

    [Fact]
    public Task RTVI0010_raw_arguments_with_typed_argument_is_reported() => Verify.VerifyAsync(Service("""
            [RtviAction("raw")]
            public void Raw(RtviArguments arguments, string {|RTVI0010:text|}) { }
        """));

    [Fact]
    public Task RTVI0010_raw_arguments_alone_are_accepted() => Verify.VerifyAsync(Service("""
            [RtviAction("raw")]
            public RtviArguments Raw(RtviArguments arguments, RtviSession session) => arguments;
        """));

    [Fact]
    public Task RTVI0011_second_client_message_data_parameter_is_reported() => Verify.VerifyAsync("""
        public static class Messages
        {
            [RtviClientMessage("test.echo")]
            public static string Echo(string data, string {|RTVI0011:more|}) => data;
        }
        """);

    [Fact]
    public Task RTVI0011_one_client_message_data_parameter_is_accepted() => Verify.VerifyAsync("""
        public static class Messages
        {
            [RtviClientMessage("test.echo")]
            public static string Echo(string data, RtviClientMessageContext context) => data;
        }
        """);

    [Fact]
    public Task RTVI0014_handler_attribute_on_a_local_function_is_reported() => Verify.VerifyAsync(Service("""
            public void Configure()
            {
                [{|#0:RtviAction("say")|}]
                void Say(string text) { }

                [{|#1:RtviOption("voice")|}]
                static void SetVoice(string voice) { }

                Say("hi");
                SetVoice("x");
            }
        """),
        Verify.Diagnostic(RtviDiagnosticIds.HandlerNotOrdinaryMethod).WithLocation(0).WithArguments("RtviAction", "the local function 'Say'"),
        Verify.Diagnostic(RtviDiagnosticIds.HandlerNotOrdinaryMethod).WithLocation(1).WithArguments("RtviOption", "the local function 'SetVoice'"));

    [Fact]
    public Task RTVI0014_handler_attribute_on_a_lambda_is_reported() => Verify.VerifyAsync("""
        public static class Messages
        {
            public static readonly Action<string> Echo = [{|#0:RtviClientMessage("test.echo")|}] (string text) => { };

            public static Func<string, string> Create() => [{|#1:RtviAction("say", Service = "tts")|}] (string text) => text;
        }
        """,
        Verify.Diagnostic(RtviDiagnosticIds.HandlerNotOrdinaryMethod).WithLocation(0).WithArguments("RtviClientMessage", "a lambda"),
        Verify.Diagnostic(RtviDiagnosticIds.HandlerNotOrdinaryMethod).WithLocation(1).WithArguments("RtviAction", "a lambda"));

    [Fact]
    public Task RTVI0014_handler_attribute_on_accessors_operators_and_explicit_implementations_is_reported() => Verify.VerifyAsync("""
        public interface ISpeaker { void Say(string text); }

        [RtviService("tts")]
        public class Tts : ISpeaker
        {
            public static int Count { [{|#0:RtviAction("count")|}] get => 0; }

            [{|#1:RtviAction("add")|}]
            public static Tts operator +(Tts left, Tts right) => left;

            [{|#2:RtviAction("say")|}]
            void ISpeaker.Say(string text) { }
        }
        """,
        Verify.Diagnostic(RtviDiagnosticIds.HandlerNotOrdinaryMethod).WithLocation(0).WithArguments("RtviAction", "the get accessor of 'Tts.Count'"),
        Verify.Diagnostic(RtviDiagnosticIds.HandlerNotOrdinaryMethod).WithLocation(1).WithArguments("RtviAction", "the operator 'Tts.op_Addition'"),
        Verify.Diagnostic(RtviDiagnosticIds.HandlerNotOrdinaryMethod).WithLocation(2).WithArguments("RtviAction", "the explicit interface implementation 'Tts.ISpeaker.Say'"));

    [Fact]
    public Task RTVI0014_ordinary_methods_and_plain_local_functions_and_lambdas_are_accepted() => Verify.VerifyAsync(Service("""
            [RtviAction("say")]
            public void Say(string text)
            {
                void Log(string line) { }
                Action<string> log = (string line) => { };
                Log(text);
                log(text);
            }

            [RtviOption("voice")]
            public static void SetVoice(string voice) { }
        """));
}
