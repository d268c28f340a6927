using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rtvi.AspNetCore;

namespace Rtvi;

/// <summary>Binds RTVI settings from configuration and configures the WebSocket endpoint.</summary>
public static class RtviConfigurationExtensions
{
    /// <summary>The configuration section read by default: <c>"Rtvi"</c>.</summary>
    public const string DefaultSectionName = "Rtvi";

    /// <summary>
    /// Binds <see cref="RtviServerOptions"/> (<c>Mode</c>, <c>AutoBotReady</c>, <c>About</c>, <c>FunctionCallReportLevels</c>,
    /// <c>Limits:*</c>) and <see cref="RtviWebSocketOptions"/> (<c>AllowedOrigins</c>, <c>KeepAliveInterval</c>,
    /// <c>KeepAliveTimeout</c>) from the section <paramref name="sectionName"/> of <paramref name="configuration"/>.
    /// Reflection-free, so it is safe with trimming and Native AOT. Later <c>Configure</c> calls override what it binds.
    /// </summary>
    /// <example>
    /// <code>
    /// "Rtvi": { "Mode": "Auto", "Limits": { "MaxMessageBytes": 262144, "HandshakeTimeout": "00:00:10" },
    ///           "AllowedOrigins": [ "https://app.example.com" ], "KeepAliveInterval": "00:00:20" }
    /// </code>
    /// </example>
    /// <exception cref="InvalidOperationException">When the options are created, if a value does not parse (the message names its key).</exception>
    public static IRtviBuilder BindConfiguration(this IRtviBuilder builder, IConfiguration configuration, string sectionName = DefaultSectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(sectionName);
        var section = configuration.GetSection(sectionName);
        builder.Configure(options => RtviConfigurationBinder.Bind(section, options));
        builder.Services.AddOptions<RtviWebSocketOptions>().Configure(options => RtviConfigurationBinder.Bind(section, options));
        return builder;
    }

    /// <summary>Configures the WebSocket endpoint mapped by <c>MapRtvi</c> (origins, the <c>Authorize</c> hook, keep-alive).</summary>
    public static IRtviBuilder ConfigureWebSockets(this IRtviBuilder builder, Action<RtviWebSocketOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<RtviWebSocketOptions>().Configure(configure);
        return builder;
    }
}
