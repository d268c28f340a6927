using Rtvi;

namespace RtviBot.Bot;

/// <summary>The <c>assistant</c> service: one instance per client session.</summary>
[RtviService("assistant")]
public sealed class AssistantService
{
    private string _voice = "aurora";

    /// <summary>Option <c>assistant.voice</c> (a string), set by <c>update-config</c> or the initial config.</summary>
    [RtviOption("voice")]
    public void SetVoice(string voice) => _voice = voice;

    /// <summary>Action <c>assistant:greet</c>; its argument <c>request</c> is an object such as <c>{"name":"Ada"}</c>.</summary>
    [RtviAction("greet")]
    public Greeting Greet(GreetRequest request) => new($"Hello, {request.Name}!", _voice);
}
