using Rtvi;

namespace RtviBot.Bot;

/// <summary>Answers the <c>echo</c> client message of 2.x clients.</summary>
public sealed class EchoHandler
{
    /// <summary>Sends the text back in upper case.</summary>
    [RtviClientMessage("echo")]
    public EchoReply Echo(EchoMessage message) => new(message.Text.ToUpperInvariant());
}
