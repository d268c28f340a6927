using Verify = Rtvi.Analyzers.Tests.AnalyzerVerifier<Rtvi.Analyzers.HandlerSignatureAnalyzer>;

namespace Rtvi.Analyzers.Tests;

/// <summary>RTVI0300: client-message types the protocol already owns.</summary>
public sealed class ProtocolTests
{
    [Fact]
    public Task RTVI0300_built_in_type_and_service_action_form_are_reported() => Verify.VerifyAsync("""
        public static class Messages
        {
            [RtviClientMessage({|#0:"client-ready"|})]
            public static void Ready() { }

            [RtviClientMessage({|#1:"tts:say"|})]
            public static void Say() { }
        }
        """,
        Verify.Diagnostic(RtviDiagnosticIds.ClientMessageTypeCollision).WithLocation(0)
            .WithArguments("client-ready", "Messages.Ready", "the built-in message type 'client-ready'"),
        Verify.Diagnostic(RtviDiagnosticIds.ClientMessageTypeCollision).WithLocation(1)
            .WithArguments("tts:say", "Messages.Say", "the 'service:action' form through which 2.x clients reach actions"));

    [Fact]
    public Task RTVI0300_own_client_message_types_are_accepted() => Verify.VerifyAsync("""
        public static class Messages
        {
            [RtviClientMessage("ready-check")]
            public static void Ready() { }

            [RtviClientMessage("tts.say")]
            public static void Say() { }
        }
        """);
}
