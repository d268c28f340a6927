namespace Rtvi;

/// <summary>
/// The session of the current DI scope: each session runs in its own scope, so a scoped service (or one a handler
/// uses) can take this, or <see cref="RtviSession"/> itself, to send events to its client. Registered by <c>AddRtvi()</c>.
/// </summary>
public interface IRtviSessionAccessor
{
    /// <summary>The scope's session; <c>null</c> outside a session's scope.</summary>
    RtviSession? Session { get; }
}
