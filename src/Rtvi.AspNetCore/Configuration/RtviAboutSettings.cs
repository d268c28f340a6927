namespace Rtvi.AspNetCore.Configuration;

/// <summary><c>Rtvi:About</c>: the <c>about</c> sent to 2.x clients.</summary>
internal sealed class RtviAboutSettings
{
    public string? Library { get; set; }

    public string? LibraryVersion { get; set; }
}
