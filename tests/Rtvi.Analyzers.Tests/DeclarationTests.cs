using Microsoft.CodeAnalysis.Testing;
using Handlers = Rtvi.Analyzers.Tests.AnalyzerVerifier<Rtvi.Analyzers.HandlerSignatureAnalyzer>;
using Services = Rtvi.Analyzers.Tests.AnalyzerVerifier<Rtvi.Analyzers.ServiceDeclarationAnalyzer>;

namespace Rtvi.Analyzers.Tests;

/// <summary>RTVI0100, RTVI0101, RTVI0106: where handlers are declared and what they are named.</summary>
public sealed class DeclarationTests
{
    [Fact]
    public Task RTVI0100_action_outside_a_service_without_Service_is_reported() => Handlers.VerifyAsync("""
        public static class Loose
        {
            [{|RTVI0100:RtviAction("say")|}]
            public static void Say(string text) { }
        }
        """);

    [Fact]
    public Task RTVI0100_action_outside_a_service_with_Service_is_accepted() => Handlers.VerifyAsync("""
        public static class Loose
        {
            [RtviAction("say", Service = "tts")]
            public static void Say(string text) { }

            [RtviOption("voice", Service = "tts")]
            public static void SetVoice(string voice) { }
        }
        """);

    [Fact]
    public Task RTVI0101_invalid_handler_and_service_names_are_reported() => Handlers.VerifyAsync("""
        public static class Loose
        {
            [RtviAction({|RTVI0101:"SetVoice"|}, Service = "tts")]
            public static void SetVoice(string voice) { }

            [RtviOption("voice", Service = {|RTVI0101:"Text To Speech"|})]
            public static void Voice(string voice) { }

            [RtviClientMessage({|RTVI0101:"Echo!"|})]
            public static void Echo() { }
        }
        """);

    [Fact]
    public Task RTVI0101_message_says_what_is_allowed_and_suggests_a_name() => Handlers.VerifyAsync("""
        public static class Loose
        {
            [RtviAction({|#0:"SetVoice"|}, Service = "tts")]
            public static void SetVoice(string voice) { }
        }
        """,
        Handlers.Diagnostic(RtviDiagnosticIds.InvalidName).WithLocation(0).WithArguments(
            "SetVoice", "action name", "Loose.SetVoice",
            "wire names are lowercase letters and digits, start with a letter, and separate words with a single '_' or '-' (for example 'set_voice'); 'set_voice' would be valid"));

    [Fact]
    public Task RTVI0101_invalid_service_class_name_is_reported_once_on_the_class() => Services.VerifyAsync("""
        [RtviService({|RTVI0101:"TTS"|})]
        public class Tts
        {
            [RtviAction("say")]
            public void Say(string text) { }
        }
        """);

    [Fact]
    public async Task RTVI0101_valid_names_are_accepted()
    {
        const string source = """
            [RtviService("text-to-speech")]
            public class Tts
            {
                [RtviAction("say_now")]
                public void Say(string text) { }
            }

            public static class Messages
            {
                [RtviClientMessage("test.echo")]
                public static void Echo() { }
            }
            """;
        await Handlers.VerifyAsync(source);
        await Services.VerifyAsync(source);
    }

    [Fact]
    public Task RTVI0106_instance_handler_of_an_abstract_class_is_reported() => Handlers.VerifyAsync("""
        [RtviService("tts")]
        public abstract class Tts
        {
            [RtviAction("say")]
            public void {|RTVI0106:Say|}(string text) { }
        }
        """);

    [Fact]
    public Task RTVI0106_instance_handler_without_accessible_constructor_is_reported() => Handlers.VerifyAsync("""
        [RtviService("tts")]
        public class Tts
        {
            private Tts() { }

            [RtviAction("say")]
            public void {|RTVI0106:Say|}(string text) { }
        }
        """);

    [Fact]
    public Task RTVI0106_static_handler_of_an_abstract_class_is_accepted() => Handlers.VerifyAsync("""
        [RtviService("tts")]
        public abstract class Tts
        {
            [RtviAction("say")]
            public static void Say(string text) { }
        }
        """);
}
