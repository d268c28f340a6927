using Rtvi;

namespace RtviBot;

/// <summary>Registers the bot: the RTVI server and every attributed handler of this project.</summary>
public static class BotServices
{
    /// <summary>Adds the RTVI server with the generated handlers (one handler instance per session).</summary>
    public static IRtviBuilder AddBot(this IServiceCollection services) => services.AddRtvi().AddGeneratedHandlers();
}
