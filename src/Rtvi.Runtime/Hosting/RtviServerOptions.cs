using System.Text.Json;

namespace Rtvi;

/// <summary>Which protocol generations a server speaks (see docs/protocol-support.md).</summary>
public enum RtviProtocolMode
{
    /// <summary>0.3.0 for clients without a version, legacy 1.x echo, 2.1.0 for 2.x; 0.3 message types served to every client.</summary>
    Auto,
    /// <summary>Strictly 0.3.0: every client is treated as 0.3.0; 1.x/2.x-only message types are unsupported.</summary>
    V0_3,
    /// <summary>Strictly 2.1.0 (with 1.x legacy): 0.3 message types are unsupported; version rules of protocol 2.x apply.</summary>
    V2,
}

/// <summary>How much of a function call the 2.x lifecycle events disclose.</summary>
public enum RtviFunctionCallReportLevel
{
    /// <summary>No lifecycle events.</summary>
    Disabled,
    /// <summary>Only <c>tool_call_id</c>.</summary>
    None,
    /// <summary>Plus <c>function_name</c>.</summary>
    Name,
    /// <summary>Plus <c>arguments</c> and <c>result</c>.</summary>
    Full,
}

/// <summary>One option value of a service config entry.</summary>
public sealed record RtviOptionValue(string Name, JsonElement Value)
{
    /// <summary>A string value.</summary>
    public static RtviOptionValue Of(string name, string value) => new(name, JsonSerializer.SerializeToElement(value, RtviJsonContext.Default.String));
    /// <summary>A number value.</summary>
    public static RtviOptionValue Of(string name, double value) => new(name, JsonSerializer.SerializeToElement(value, RtviJsonContext.Default.Double));
    /// <summary>A bool value.</summary>
    public static RtviOptionValue Of(string name, bool value) => new(name, JsonSerializer.SerializeToElement(value, RtviJsonContext.Default.Boolean));
    /// <summary>A value given as JSON text.</summary>
    public static RtviOptionValue FromJson(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        return new(name, document.RootElement.Clone());
    }
}

/// <summary>A service's entry in a config: its name and option values.</summary>
public sealed record RtviServiceConfig(string Service, IReadOnlyList<RtviOptionValue> Options);

/// <summary>The <c>about</c> object of a 2.x <c>bot-ready</c>.</summary>
public sealed record RtviAbout(string Library, string? LibraryVersion);

/// <summary>Server-wide settings.</summary>
public sealed class RtviServerOptions
{
    /// <summary>The protocol mode (default <see cref="RtviProtocolMode.Auto"/>).</summary>
    public RtviProtocolMode Mode { get; set; } = RtviProtocolMode.Auto;

    /// <summary>Whether the bot becomes ready automatically on <c>client-ready</c> (default) or when the app calls <see cref="RtviSession.SetBotReadyAsync"/>.</summary>
    public bool AutoBotReady { get; set; } = true;

    /// <summary>The config each session starts with; applied through the option handlers when the bot becomes ready.</summary>
    public IList<RtviServiceConfig> InitialConfig { get; set; } = [];

    /// <summary>The <c>about</c> sent to 2.x clients.</summary>
    public RtviAbout About { get; set; } = new("rtvi-dotnet", typeof(RtviServerOptions).Assembly.GetName().Version?.ToString(3));

    /// <summary>Limits.</summary>
    public RtviLimits Limits { get; } = new();

    /// <summary>Pacing of bot audio and the speaking events derived from it (<see cref="RtviSession.BotAudio"/>).</summary>
    public RtviBotAudioOptions BotAudio { get; } = new();

    /// <summary>Application hooks.</summary>
    public RtviHooks Hooks { get; } = new();

    /// <summary>Report level per function name for relayed function calls; <c>"*"</c> is the default (Full when absent).</summary>
    public IDictionary<string, RtviFunctionCallReportLevel> FunctionCallReportLevels { get; } =
        new Dictionary<string, RtviFunctionCallReportLevel>(StringComparer.Ordinal);

    internal RtviFunctionCallReportLevel ReportLevelFor(string functionName) =>
        FunctionCallReportLevels.TryGetValue(functionName, out var level) ? level
        : FunctionCallReportLevels.TryGetValue("*", out level) ? level
        : RtviFunctionCallReportLevel.Full;
}
