namespace Rtvi;

/// <summary>The scoped <see cref="IRtviSessionAccessor"/>: the server sets it when it creates the scope's session.</summary>
internal sealed class RtviSessionAccessor : IRtviSessionAccessor
{
    public RtviSession? Session { get; set; }
}
