namespace Rtvi.Sessions;

/// <summary>
/// Marks code the dispatcher runs inline (a hook, an option handler) and is waiting for. The mark travels with the call
/// (an <see cref="AsyncLocal{T}"/>, so also into work that code starts and awaits) and is switched off when the code
/// returns, so work it started that outlives it is no longer inline. Such code must never wait for the dispatcher.
/// </summary>
internal sealed class InlineScope
{
    private static readonly AsyncLocal<InlineScope?> s_current = new();

    private readonly RtviSession _session;
    private volatile bool _active = true;

    private InlineScope(RtviSession session) => _session = session;

    /// <summary>Marks the calling async method (and what it calls or starts) as inline for <paramref name="session"/>.</summary>
    public static InlineScope Enter(RtviSession session)
    {
        var scope = new InlineScope(session);
        s_current.Value = scope;
        return scope;
    }

    /// <summary>Whether the caller is code the dispatcher of <paramref name="session"/> is running inline right now.</summary>
    public static bool IsActiveFor(RtviSession session) => s_current.Value is { _active: true } scope && scope._session == session;

    /// <summary>The inline code returned: what it left running is on its own from now on.</summary>
    public void Deactivate() => _active = false;
}
