using Rtvi;

namespace Demo;

[RtviService("broken")]
public sealed class BrokenService
{
    // Deliberately broken: an async void handler (RTVI0002).
    [RtviAction("run")]
    public async void Run(int delay) => await Task.Delay(delay);
}
