namespace Rtvi.Analyzers.BuildCheck;

[RtviService("tts")]
public sealed class Tts
{
    // Deliberately broken (RTVI0002): the generator emits nothing for an async void handler, so only the analyzer speaks.
    [RtviAction("say")]
    public async void Say(string text) => await Task.Delay(text.Length);

    // A valid handler next to it: the generator's output for it must compile.
    [RtviAction("stop")]
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
