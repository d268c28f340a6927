using Microsoft.Extensions.Configuration;
using Rtvi.Quickstart.Chat;

namespace Rtvi.Quickstart.Tests;

/// <summary>The switches are process-wide: these tests run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(FeatureSwitchCollection), DisableParallelization = true)]
public sealed class FeatureSwitchCollection;

/// <summary>
/// A build published without an optional part (the feature switch false, as <c>-p:QuickstartOpenAI=false</c> or the
/// default <c>QuickstartOpenTelemetry=false</c> sets it) refuses a configuration that asks for it, naming the property.
/// </summary>
[Collection(nameof(FeatureSwitchCollection))]
public sealed class FeatureSwitchTests
{
    [Fact]
    public void Every_part_is_included_when_no_switch_is_set()
    {
        Assert.True(QuickstartFeatures.HasOpenTelemetry);
        Assert.True(QuickstartFeatures.HasOpenAI);
    }

    [Fact]
    public void An_OpenAI_endpoint_without_the_OpenAI_client_fails_naming_the_publish_property()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rtvi:OpenAI:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Rtvi:OpenAI:Model"] = "m",
        }).Build();

        var error = WithSwitchOff(QuickstartFeatures.OpenAISwitch, () => Assert.Throws<InvalidOperationException>(() => ChatClientFactory.Create(configuration)));

        Assert.StartsWith("Rtvi:OpenAI:Endpoint is set, but this build was published without the OpenAI client", error.Message, StringComparison.Ordinal);
        Assert.Contains("-p:QuickstartOpenAI=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_model_needs_no_OpenAI_client()
    {
        var configuration = new ConfigurationBuilder().Build();

        var client = WithSwitchOff(QuickstartFeatures.OpenAISwitch, () => ChatClientFactory.Create(configuration));

        Assert.IsType<EmbeddedChatClient>(client);
    }

    [Fact]
    public void A_telemetry_exporter_without_OpenTelemetry_fails_at_build_naming_the_publish_property()
    {
        var error = WithSwitchOff(QuickstartFeatures.OpenTelemetrySwitch,
            () => Assert.Throws<InvalidOperationException>(() => QuickstartApp.Build(["--Telemetry:Exporter=console"])));

        Assert.StartsWith("Telemetry:Exporter is set, but this build was published without OpenTelemetry", error.Message, StringComparison.Ordinal);
        Assert.Contains("-p:QuickstartOpenTelemetry=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_OpenTelemetry_the_bot_still_builds_when_no_exporter_is_configured()
    {
        await using var app = WithSwitchOff(QuickstartFeatures.OpenTelemetrySwitch, () => QuickstartApp.Build(["--Logging:LogLevel:Default=Warning"]));

        Assert.NotNull(app);
    }

    private static T WithSwitchOff<T>(string name, Func<T> action)
    {
        AppContext.SetSwitch(name, false);
        try
        {
            return action();
        }
        finally
        {
            AppContext.SetSwitch(name, true);
        }
    }
}
