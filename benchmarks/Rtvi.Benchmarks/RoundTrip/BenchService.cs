namespace Rtvi.Benchmarks.RoundTrip;

/// <summary>The <c>d</c> of <c>calc.add</c>.</summary>
public sealed record AddRequest(int A, int B, string? Note = null);

/// <summary>
/// The service every round-trip benchmark calls: three options, an action with three typed arguments and a client
/// message with a typed payload. The session binds them through generated binders; <see cref="ReflectionDispatcher"/>
/// finds the same methods by reflection.
/// </summary>
[RtviService("calc")]
public static class CalcService
{
    /// <summary><c>calc.voice</c>.</summary>
    [RtviOption("voice")]
    public static void SetVoice(string? voice) => _ = voice;

    /// <summary><c>calc.speed</c>.</summary>
    [RtviOption("speed")]
    public static void SetSpeed(double? speed) => _ = speed;

    /// <summary><c>calc.enabled</c>.</summary>
    [RtviOption("enabled")]
    public static void SetEnabled(bool? enabled) => _ = enabled;

    /// <summary><c>calc:add</c>: a + b.</summary>
    [RtviAction("add")]
    public static long Add(int a, int b, string? note = null) => (long)a + b + (note is null ? 0 : 1);

    /// <summary><c>calc.add</c> as a 2.x client message.</summary>
    [RtviClientMessage("calc.add")]
    public static long AddMessage(AddRequest d) => (long)d.A + d.B + (d.Note is null ? 0 : 1);
}
