using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = Rtvi.Analyzers.Tests.AnalyzerVerifier<Rtvi.Analyzers.DuplicateNameAnalyzer>;

namespace Rtvi.Analyzers.Tests;

/// <summary>RTVI0102–RTVI0105: names declared more than once, reported on each declaration pointing at the others.</summary>
public sealed class DuplicateNameTests
{
    [Fact]
    public Task RTVI0102_service_name_on_two_classes_warns_on_both() => Verify.VerifyAsync("""
        [RtviService({|#0:"tts"|})]
        public class Tts { }

        [RtviService({|#1:"tts"|})]
        public class Speech { }
        """,
        new DiagnosticResult(RtviDiagnosticIds.DuplicateServiceName, DiagnosticSeverity.Warning).WithLocation(0).WithLocation(1).WithArguments("tts", "Speech"),
        new DiagnosticResult(RtviDiagnosticIds.DuplicateServiceName, DiagnosticSeverity.Warning).WithLocation(1).WithLocation(0).WithArguments("tts", "Tts"));

    [Fact]
    public Task RTVI0102_distinct_service_names_are_accepted() => Verify.VerifyAsync("""
        [RtviService("tts")]
        public class Tts { }

        [RtviService("stt")]
        public class Stt { }
        """);

    [Fact]
    public Task RTVI0103_option_declared_twice_in_a_service_is_reported_on_both() => Verify.VerifyAsync("""
        [RtviService("tts")]
        public class Tts
        {
            [RtviOption({|#0:"voice"|})]
            public void SetVoice(string voice) { }

            [RtviOption({|#1:"voice"|})]
            public void SetVoiceAgain(string voice) { }
        }
        """,
        Verify.Diagnostic(RtviDiagnosticIds.DuplicateOptionName).WithLocation(0).WithLocation(1).WithArguments("voice", "tts", "Tts.SetVoiceAgain"),
        Verify.Diagnostic(RtviDiagnosticIds.DuplicateOptionName).WithLocation(1).WithLocation(0).WithArguments("voice", "tts", "Tts.SetVoice"));

    [Fact]
    public Task RTVI0103_same_option_name_in_two_services_is_accepted() => Verify.VerifyAsync("""
        [RtviService("tts")]
        public class Tts
        {
            [RtviOption("voice")]
            public void SetVoice(string voice) { }
        }

        [RtviService("stt")]
        public class Stt
        {
            [RtviOption("voice")]
            public void SetVoice(string voice) { }
        }
        """);

    [Fact]
    public Task RTVI0104_action_declared_in_two_files_is_reported_on_both() => Verify.VerifyAsync(
        [
            """
            [RtviService("tts")]
            public class Tts
            {
                [RtviAction({|#0:"say"|})]
                public void Say(string text) { }
            }
            """,
            """
            public static class Extra
            {
                [RtviAction({|#1:"say"|}, Service = "tts")]
                public static void Say(string text) { }
            }
            """,
        ],
        Verify.Diagnostic(RtviDiagnosticIds.DuplicateActionName).WithLocation(0).WithLocation(1).WithArguments("say", "tts", "Extra.Say"),
        Verify.Diagnostic(RtviDiagnosticIds.DuplicateActionName).WithLocation(1).WithLocation(0).WithArguments("say", "tts", "Tts.Say"));

    [Fact]
    public Task RTVI0104_option_and_action_may_share_a_name() => Verify.VerifyAsync("""
        [RtviService("tts")]
        public class Tts
        {
            [RtviOption("voice")]
            public void SetVoice(string voice) { }

            [RtviAction("voice")]
            public string Voice() => "v";
        }
        """);

    [Fact]
    public Task RTVI0105_client_message_type_handled_three_times_points_at_the_others() => Verify.VerifyAsync("""
        public static class Messages
        {
            [RtviClientMessage({|#0:"test.echo"|})]
            public static void A() { }

            [RtviClientMessage({|#1:"test.echo"|})]
            public static void B() { }

            [RtviClientMessage({|#2:"test.echo"|})]
            public static void C() { }
        }
        """,
        Verify.Diagnostic(RtviDiagnosticIds.DuplicateClientMessageType).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("test.echo", "Messages.B"),
        Verify.Diagnostic(RtviDiagnosticIds.DuplicateClientMessageType).WithLocation(1).WithLocation(0).WithLocation(2).WithArguments("test.echo", "Messages.A"),
        Verify.Diagnostic(RtviDiagnosticIds.DuplicateClientMessageType).WithLocation(2).WithLocation(0).WithLocation(1).WithArguments("test.echo", "Messages.A"));

    [Fact]
    public Task RTVI0105_distinct_client_message_types_are_accepted() => Verify.VerifyAsync("""
        public static class Messages
        {
            [RtviClientMessage("test.echo")]
            public static void A() { }

            [RtviClientMessage("test.ping")]
            public static void B() { }
        }
        """);
}
