using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Rtvi.AspNetCore;

/// <summary>
/// Reads <see cref="RtviServerOptions"/> and <see cref="RtviWebSocketOptions"/> from a configuration section by hand:
/// no reflection, so it is trimming- and AOT-safe. Keys that are absent leave the current value; a value that does not
/// parse throws with the key's path, so a typo fails at startup rather than being ignored.
/// </summary>
internal static class RtviConfigurationBinder
{
    public static void Bind(IConfigurationSection section, RtviServerOptions options)
    {
        if (Read(section, "Mode") is { } mode)
        {
            options.Mode = ParseEnum<RtviProtocolMode>(section, "Mode", mode);
        }
        if (Read(section, "AutoBotReady") is { } autoBotReady)
        {
            options.AutoBotReady = bool.TryParse(autoBotReady, out var value) ? value : throw Invalid(section, "AutoBotReady", autoBotReady, "true or false");
        }
        var about = section.GetSection("About");
        var library = Read(about, "Library");
        var libraryVersion = Read(about, "LibraryVersion");
        if (library is not null || libraryVersion is not null)
        {
            options.About = new RtviAbout(library ?? options.About.Library, libraryVersion ?? options.About.LibraryVersion);
        }
        foreach (var level in section.GetSection("FunctionCallReportLevels").GetChildren())
        {
            if (level.Value is { } value)
            {
                options.FunctionCallReportLevels[level.Key] = ParseEnum<RtviFunctionCallReportLevel>(level, null, value);
            }
        }
        BindLimits(section.GetSection("Limits"), options.Limits);
    }

    public static void Bind(IConfigurationSection section, RtviWebSocketOptions options)
    {
        var origins = section.GetSection("AllowedOrigins");
        if (origins.Value is { Length: > 0 } single)
        {
            options.AllowedOrigins.Add(single);
        }
        foreach (var origin in origins.GetChildren())
        {
            if (origin.Value is { Length: > 0 } value)
            {
                options.AllowedOrigins.Add(value);
            }
        }
        Set(section, "KeepAliveInterval", allowZero: true, v => options.KeepAliveInterval = v);
        Set(section, "KeepAliveTimeout", allowZero: false, v => options.KeepAliveTimeout = v);
    }

    private static void BindLimits(IConfigurationSection section, RtviLimits limits)
    {
        Set(section, "MaxMessageBytes", min: 1, v => limits.MaxMessageBytes = v);
        Set(section, "InboxCapacity", min: 1, v => limits.InboxCapacity = v);
        Set(section, "OutboxCapacity", min: 1, v => limits.OutboxCapacity = v);
        Set(section, "MaxHeldRequests", min: 0, v => limits.MaxHeldRequests = v);
        Set(section, "MaxPendingActions", min: 0, v => limits.MaxPendingActions = v);
        Set(section, "MaxPendingEvents", min: 0, v => limits.MaxPendingEvents = v);
        Set(section, "MaxPendingFunctionCalls", min: 0, v => limits.MaxPendingFunctionCalls = v);
        Set(section, "OutboxSendTimeout", allowZero: false, v => limits.OutboxSendTimeout = v);
        Set(section, "HandshakeTimeout", allowZero: false, v => limits.HandshakeTimeout = v);
        Set(section, "FunctionCallTimeout", allowZero: false, v => limits.FunctionCallTimeout = v);
        Set(section, "ShutdownGracePeriod", allowZero: true, v => limits.ShutdownGracePeriod = v);
    }

    private static void Set(IConfigurationSection section, string key, int min, Action<int> apply)
    {
        if (Read(section, key) is not { } text)
        {
            return;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw Invalid(section, key, text, min == 0 ? "a non-negative integer" : "a positive integer");
        }
        apply(value);
    }

    /// <summary>Time spans as the configuration binder reads them (<c>"00:00:30"</c>, invariant culture); infinite (<c>-00:00:00.001</c>) is allowed.</summary>
    private static void Set(IConfigurationSection section, string key, bool allowZero, Action<TimeSpan> apply)
    {
        if (Read(section, key) is not { } text)
        {
            return;
        }
        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            || (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            || (value == TimeSpan.Zero && !allowZero))
        {
            throw Invalid(section, key, text, allowZero ? "a time span (hh:mm:ss), zero or more" : "a positive time span (hh:mm:ss)");
        }
        apply(value);
    }

    private static T ParseEnum<T>(IConfigurationSection section, string? key, string text)
        where T : struct, Enum =>
        !text.AsSpan().Trim().IsEmpty && !char.IsAsciiDigit(text.Trim()[0]) && !text.Contains(',')
        && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw Invalid(section, key, text, "one of " + string.Join(", ", Enum.GetNames<T>()));

    private static string? Read(IConfigurationSection section, string key) => section[key] is { Length: > 0 } value ? value : null;

    private static InvalidOperationException Invalid(IConfigurationSection section, string? key, string value, string expected) =>
        new($"Configuration value '{(key is null ? section.Path : section.Path + ":" + key)}' is '{value}'; expected {expected}.");
}
