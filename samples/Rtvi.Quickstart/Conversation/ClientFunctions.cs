using Microsoft.Extensions.AI;
using Rtvi.Extensions.AI;

namespace Rtvi.Quickstart.Conversation;

/// <summary>The functions the LLM can call that run in the user's browser (the page registers handlers for them).</summary>
public static class ClientFunctions
{
    /// <summary>Returns the browser's date, time and time zone.</summary>
    public const string GetClientTime = "get_client_time";

    /// <summary>Switches the page between the light and the dark theme.</summary>
    public const string SetTheme = "set_theme";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    /// <summary>The client functions of one session, as tools for a chat request.</summary>
    public static IList<AITool> For(RtviSession session) =>
    [
        new RtviClientFunction(session, GetClientTime, "Returns the current date, time and time zone of the user's browser.", timeout: s_timeout),
        new RtviClientFunction(session, SetTheme, "Switches the user's web page to the light or the dark theme.", """
            {"type":"object","properties":{"theme":{"type":"string","enum":["light","dark"],"description":"The theme to show."}},"required":["theme"]}
            """, s_timeout),
    ];
}
