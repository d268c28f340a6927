using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rtvi.AspNetCore;
using Rtvi.AspNetCore.Configuration;

namespace Rtvi;

/// <summary>Binds RTVI settings from configuration and configures the WebSocket endpoint.</summary>
public static class RtviConfigurationExtensions
{
    /// <summary>The configuration section read by default: <c>"Rtvi"</c>.</summary>
    public const string DefaultSectionName = "Rtvi";

    /// <summary>
    /// Binds <see cref="RtviServerOptions"/> (<c>Mode</c>, <c>AutoBotReady</c>, <c>About</c>, <c>FunctionCallReportLevels</c>,
    /// <c>Limits:*</c>, <c>BotAudio:*</c>, <c>InitialConfig</c>) and <see cref="RtviWebSocketOptions"/> (<c>AllowedOrigins</c>,
    /// <c>KeepAliveInterval</c>, <c>KeepAliveTimeout</c>) from the section <paramref name="sectionName"/> of
    /// <paramref name="configuration"/>, with the configuration-binding source generator (no reflection: safe with trimming
    /// and Native AOT), and validates the section when the host starts (<c>ValidateOnStart</c>). Keys that are absent
    /// keep the current value; later <c>Configure</c> calls override what it binds.
    /// </summary>
    /// <remarks>
    /// <c>InitialConfig</c> is a list of <c>{ "Service": "tts", "Options": [ { "Name": "voice", "Value": "\"aurora\"" } ] }</c>
    /// whose <c>Value</c> is JSON text; at start every service and option must be registered and every value must be of its
    /// option's wire type.
    /// </remarks>
    /// <example>
    /// <code>
    /// "Rtvi": { "Mode": "Auto", "Limits": { "MaxMessageBytes": 262144, "HandshakeTimeout": "00:00:10" },
    ///           "InitialConfig": [ { "Service": "tts", "Options": [ { "Name": "voice", "Value": "\"aurora\"" } ] } ],
    ///           "AllowedOrigins": [ "https://app.example.com" ], "KeepAliveInterval": "00:00:20" }
    /// </code>
    /// </example>
    /// <exception cref="InvalidOperationException">At start, if a value does not convert to its type (the message names its key).</exception>
    /// <exception cref="OptionsValidationException">At start, if a value is out of range or <c>InitialConfig</c> does not fit the registered options (each failure names its key).</exception>
    public static IRtviBuilder BindConfiguration(this IRtviBuilder builder, IConfiguration configuration, string sectionName = DefaultSectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(sectionName);
        var section = configuration.GetSection(sectionName);
        var services = builder.Services;
        services.AddOptions<RtviServerSettings>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RtviServerSettings>>(provider =>
            new RtviSettingsValidator(section.Path, () => provider.GetRequiredService<RtviServer>().Registry));
        builder.Configure(options => Read(section).ApplyTo(options));
        services.AddOptions<RtviWebSocketOptions>().Configure(options => Read(section).ApplyTo(options));
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

    /// <summary>The section as bound by the generated binder, checked before anything is applied (the registry checks run at start).</summary>
    private static RtviServerSettings Read(IConfigurationSection section)
    {
        var settings = section.Get<RtviServerSettings>() ?? new RtviServerSettings();
        RtviSettingsValidator.ThrowIfInvalid(section.Path, settings);
        return settings;
    }
}
