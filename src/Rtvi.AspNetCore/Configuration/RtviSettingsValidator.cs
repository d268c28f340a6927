using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Rtvi.AspNetCore.Configuration;

/// <summary>
/// Validates the bound <c>"Rtvi"</c> section, every failure naming its configuration key: the limits' ranges, the time
/// spans, and <c>InitialConfig</c> (names present, values JSON, and, when a registry is given, every
/// service and option registered and every value of its option's wire type).
/// </summary>
internal sealed class RtviSettingsValidator(string sectionPath, Func<RtviRegistry>? registry) : IValidateOptions<RtviServerSettings>
{
    public ValidateOptionsResult Validate(string? name, RtviServerSettings options)
    {
        var failures = new List<string>();
        CheckDefined(failures, "Mode", options.Mode);
        foreach (var (function, level) in options.FunctionCallReportLevels)
        {
            CheckDefined<RtviFunctionCallReportLevel>(failures, "FunctionCallReportLevels:" + function, level);
        }
        var limits = options.Limits;
        foreach (var (limit, value, minimum) in limits.Ranges())
        {
            CheckAtLeast(failures, "Limits:" + limit, value, minimum);
        }
        CheckPositive(failures, "Limits:OutboxSendTimeout", limits.OutboxSendTimeout);
        CheckPositive(failures, "Limits:HandshakeTimeout", limits.HandshakeTimeout);
        CheckPositive(failures, "Limits:FunctionCallTimeout", limits.FunctionCallTimeout);
        CheckZeroOrMore(failures, "Limits:ShutdownGracePeriod", limits.ShutdownGracePeriod);
        CheckZeroOrMore(failures, "BotAudio:Lead", options.BotAudio.Lead);
        CheckPositive(failures, "BotAudio:FrameDuration", options.BotAudio.FrameDuration);
        CheckZeroOrMore(failures, "BotAudio:StoppedSpeakingDelay", options.BotAudio.StoppedSpeakingDelay);
        CheckZeroOrMore(failures, "BotAudio:OutputHoldTimeout", options.BotAudio.OutputHoldTimeout);
        CheckZeroOrMore(failures, "KeepAliveInterval", options.KeepAliveInterval);
        CheckPositive(failures, "KeepAliveTimeout", options.KeepAliveTimeout);
        var values = CheckInitialConfigShape(failures, options.InitialConfig);
        if (failures.Count == 0 && registry is not null)
        {
            CheckInitialConfigTypes(failures, options.InitialConfig, values, registry());
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Binds nothing; throws <see cref="OptionsValidationException"/> listing every failure (registry checks aside).</summary>
    public static void ThrowIfInvalid(string sectionPath, RtviServerSettings settings)
    {
        if (new RtviSettingsValidator(sectionPath, null).Validate(null, settings) is { Failed: true } result)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(RtviServerSettings), result.Failures);
        }
    }

    /// <summary>The values' JSON kinds, indexed like the entries and their options (only meaningful without failures).</summary>
    private List<List<JsonValueKind>> CheckInitialConfigShape(List<string> failures, List<RtviServiceConfigSettings> initialConfig)
    {
        var kinds = new List<List<JsonValueKind>>(initialConfig.Count);
        for (var s = 0; s < initialConfig.Count; s++)
        {
            var service = initialConfig[s];
            if (string.IsNullOrEmpty(service.Service))
            {
                failures.Add(Format(RtviSettingsMessages.Required, Key($"InitialConfig:{s}:Service")));
            }
            var serviceKinds = new List<JsonValueKind>(service.Options.Count);
            for (var o = 0; o < service.Options.Count; o++)
            {
                var option = service.Options[o];
                if (string.IsNullOrEmpty(option.Name))
                {
                    failures.Add(Format(RtviSettingsMessages.Required, Key($"InitialConfig:{s}:Options:{o}:Name")));
                }
                serviceKinds.Add(JsonKind(option.Value) ?? JsonValueKind.Undefined);
                if (option.Value is null)
                {
                    failures.Add(Format(RtviSettingsMessages.Required, Key($"InitialConfig:{s}:Options:{o}:Value")));
                }
                else if (serviceKinds[o] == JsonValueKind.Undefined)
                {
                    failures.Add(Format(RtviSettingsMessages.Json, Key($"InitialConfig:{s}:Options:{o}:Value")));
                }
            }
            kinds.Add(serviceKinds);
        }
        return kinds;
    }

    private void CheckInitialConfigTypes(List<string> failures, List<RtviServiceConfigSettings> initialConfig, List<List<JsonValueKind>> kinds, RtviRegistry registry)
    {
        for (var s = 0; s < initialConfig.Count; s++)
        {
            var entry = initialConfig[s];
            if (registry.FindService(entry.Service!) is not { } service)
            {
                failures.Add(Format(RtviSettingsMessages.UnknownService, Key($"InitialConfig:{s}:Service"), entry.Service));
                continue;
            }
            for (var o = 0; o < entry.Options.Count; o++)
            {
                var name = entry.Options[o].Name!;
                if (service.FindOption(name) is not { } option)
                {
                    failures.Add(Format(RtviSettingsMessages.UnknownOption, Key($"InitialConfig:{s}:Options:{o}:Name"), name, service.Name));
                }
                else if (!option.Type.Accepts(kinds[s][o]))
                {
                    failures.Add(Format(RtviSettingsMessages.WrongType, Key($"InitialConfig:{s}:Options:{o}:Value"),
                        JsonNamingPolicy.KebabCaseLower.ConvertName(kinds[s][o].ToString()), service.Name, name, option.Type.ToWireString()));
                }
            }
        }
    }

    private static JsonValueKind? JsonKind(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The binder takes a number for an enum ("7"); only the named values are meaningful.</summary>
    private void CheckDefined<T>(List<string> failures, string key, T? value)
        where T : struct, Enum
    {
        if (value is { } defined && !Enum.IsDefined(defined))
        {
            failures.Add(Format(RtviSettingsMessages.UndefinedEnum, Key(key), string.Join(", ", Enum.GetNames<T>())));
        }
    }

    private void CheckAtLeast(List<string> failures, string key, long? value, long minimum)
    {
        if (value < minimum)
        {
            failures.Add(Format(RtviSettingsMessages.AtLeast, Key(key), minimum));
        }
    }

    private void CheckPositive(List<string> failures, string key, TimeSpan? value)
    {
        if (value is { } span && span <= TimeSpan.Zero && span != Timeout.InfiniteTimeSpan)
        {
            failures.Add(Format(RtviSettingsMessages.PositiveTimeSpan, Key(key)));
        }
    }

    private void CheckZeroOrMore(List<string> failures, string key, TimeSpan? value)
    {
        if (value is { } span && span < TimeSpan.Zero)
        {
            failures.Add(Format(RtviSettingsMessages.ZeroOrMoreTimeSpan, Key(key)));
        }
    }

    private string Key(string relative) => sectionPath + ":" + relative;

    private static string Format(string message, params object?[] arguments) => string.Format(CultureInfo.InvariantCulture, message, arguments);
}
