using System.Diagnostics.CodeAnalysis;

namespace Rtvi.Quickstart;

/// <summary>
/// The quickstart's optional parts as feature switches (runtime-host configuration options the csproj sets when it
/// publishes, from <c>-p:QuickstartOpenTelemetry</c> and <c>-p:QuickstartOpenAI</c>). A switch set at publish is a
/// constant to the trimmer, which removes the code behind <c>if (…)</c> and the packages only that code uses. Without a
/// switch (dotnet run, the tests) every part is included.
/// </summary>
internal static class QuickstartFeatures
{
    /// <summary>The switch of OpenTelemetry export (<c>Telemetry:Exporter</c>).</summary>
    public const string OpenTelemetrySwitch = "Rtvi.Quickstart.OpenTelemetry";

    /// <summary>The switch of the OpenAI-compatible chat client (<c>Rtvi:OpenAI:Endpoint</c>).</summary>
    public const string OpenAISwitch = "Rtvi.Quickstart.OpenAI";

    /// <summary>Whether this build includes OpenTelemetry and its exporters.</summary>
    [FeatureSwitchDefinition(OpenTelemetrySwitch)]
    public static bool HasOpenTelemetry => IsEnabled(OpenTelemetrySwitch);

    /// <summary>Whether this build includes the OpenAI client (and the HTTP and TLS stack it needs).</summary>
    [FeatureSwitchDefinition(OpenAISwitch)]
    public static bool HasOpenAI => IsEnabled(OpenAISwitch);

    /// <summary>The error for a configuration that asks for a part (<paramref name="part"/>) this build was published without.</summary>
    public static InvalidOperationException Missing(string setting, string part, string publishProperty) =>
        new($"{setting} is set, but this build was published without {part}: publish with -p:{publishProperty}=true (see samples/Rtvi.Quickstart/README.md).");

    private static bool IsEnabled(string name) => !AppContext.TryGetSwitch(name, out var enabled) || enabled;
}
