namespace Rtvi.AspNetCore.Configuration;

/// <summary>
/// The <c>"Rtvi"</c> configuration section as the configuration-binding source generator binds it: only what
/// configuration can say (hooks and the authorize callback stay in code), every value nullable so that an absent key
/// keeps what <see cref="RtviServerOptions"/> already holds (<c>InitialConfig</c> merges by service and option name). Applied to the server's options and the endpoint's by the <c>ApplyTo</c> overloads.
/// </summary>
internal sealed class RtviServerSettings
{
    public RtviProtocolMode? Mode { get; set; }

    public bool? AutoBotReady { get; set; }

    public RtviAboutSettings? About { get; set; }

    public Dictionary<string, RtviFunctionCallReportLevel> FunctionCallReportLevels { get; set; } = new(StringComparer.Ordinal);

    public RtviLimitsSettings Limits { get; set; } = new();

    public RtviBotAudioSettings BotAudio { get; set; } = new();

    public List<RtviServiceConfigSettings> InitialConfig { get; set; } = [];

    // The WebSocket endpoint's settings share the section.
    public List<string> AllowedOrigins { get; set; } = [];

    public TimeSpan? KeepAliveInterval { get; set; }

    public TimeSpan? KeepAliveTimeout { get; set; }

    public void ApplyTo(RtviServerOptions options)
    {
        options.Mode = Mode ?? options.Mode;
        options.AutoBotReady = AutoBotReady ?? options.AutoBotReady;
        if (About is { } about)
        {
            options.About = new RtviAbout(about.Library ?? options.About.Library, about.LibraryVersion ?? options.About.LibraryVersion);
        }
        foreach (var (function, level) in FunctionCallReportLevels)
        {
            options.FunctionCallReportLevels[function] = level;
        }
        Limits.ApplyTo(options.Limits);
        BotAudio.ApplyTo(options.BotAudio);
        if (InitialConfig.Count > 0)
        {
            options.InitialConfig = Merge(options.InitialConfig, InitialConfig.Select(service => service.ToServiceConfig()));
        }
    }

    /// <summary>A configured option value replaces the same option of the same service; everything else is kept, in order.</summary>
    private static List<RtviServiceConfig> Merge(IEnumerable<RtviServiceConfig> current, IEnumerable<RtviServiceConfig> configured)
    {
        var merged = current.ToList();
        foreach (var service in configured)
        {
            var index = merged.FindIndex(existing => existing.Service == service.Service);
            if (index < 0)
            {
                merged.Add(service);
                continue;
            }
            var names = service.Options.Select(option => option.Name).ToHashSet(StringComparer.Ordinal);
            merged[index] = service with { Options = [.. merged[index].Options.Where(option => !names.Contains(option.Name)), .. service.Options] };
        }
        return merged;
    }

    public void ApplyTo(RtviWebSocketOptions options)
    {
        foreach (var origin in AllowedOrigins)
        {
            if (origin is { Length: > 0 })
            {
                options.AllowedOrigins.Add(origin);
            }
        }
        options.KeepAliveInterval = KeepAliveInterval ?? options.KeepAliveInterval;
        options.KeepAliveTimeout = KeepAliveTimeout ?? options.KeepAliveTimeout;
    }
}
