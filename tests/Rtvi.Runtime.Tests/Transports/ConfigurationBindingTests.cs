using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Rtvi.AspNetCore;

namespace Rtvi.Tests.Transports;

/// <summary>The "Rtvi" configuration section: bound by the configuration-binding source generator, validated at start.</summary>
public sealed class ConfigurationBindingTests
{
    /// <summary><paramref name="before"/> configures in code before the section is bound, <paramref name="more"/> after.</summary>
    private static ServiceProvider Build(Dictionary<string, string?> values, Action<IRtviBuilder>? more = null, Action<RtviServerOptions>? before = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        var builder = services.AddRtvi(before).BindConfiguration(configuration);
        builder.ConfigureRegistry(registry => registry
            .AddService("tts").AddOption("tts", "voice", RtviWireType.String, static _ => static (_, _) => default)
            .AddService("llm").AddOption("llm", "temperature", RtviWireType.Number, static _ => static (_, _) => default));
        more?.Invoke(builder);
        return services.BuildServiceProvider();
    }

    /// <summary>What the host does when it starts: every <c>ValidateOnStart</c> registration is checked.</summary>
    private static Exception? Start(ServiceProvider provider) =>
        Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

    private static void AssertFailsAtStartNaming(string key, Dictionary<string, string?> values)
    {
        using var provider = Build(values);
        var error = Start(provider);
        Assert.NotNull(error);
        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_options_and_limits_are_read_from_the_section()
    {
        using var provider = Build(new()
        {
            ["Rtvi:Mode"] = "v2",
            ["Rtvi:AutoBotReady"] = "false",
            ["Rtvi:About:Library"] = "my-bot",
            ["Rtvi:FunctionCallReportLevels:*"] = "Name",
            ["Rtvi:FunctionCallReportLevels:get_weather"] = "disabled",
            ["Rtvi:Limits:MaxMessageBytes"] = "262144",
            ["Rtvi:Limits:MaxHeldRequests"] = "0",
            ["Rtvi:Limits:HandshakeTimeout"] = "00:00:10",
            ["Rtvi:Limits:ShutdownGracePeriod"] = "00:00:00",
            ["Rtvi:Limits:MaxAudioInputBytes"] = "65536",
            ["Rtvi:BotAudio:Lead"] = "00:00:00.1",
            ["Rtvi:BotAudio:SendsSpeakingEvents"] = "false",
            ["Rtvi:BotAudio:OutputHoldTimeout"] = "00:00:02",
            ["Other:Mode"] = "V0_3",
        });
        Assert.Null(Start(provider));
        var options = provider.GetRequiredService<RtviServer>().Options;
        Assert.Equal(RtviProtocolMode.V2, options.Mode);
        Assert.False(options.AutoBotReady);
        Assert.Equal("my-bot", options.About.Library);
        Assert.Equal(RtviFunctionCallReportLevel.Name, options.FunctionCallReportLevels["*"]);
        Assert.Equal(RtviFunctionCallReportLevel.Disabled, options.FunctionCallReportLevels["get_weather"]);
        Assert.Equal(262144, options.Limits.MaxMessageBytes);
        Assert.Equal(0, options.Limits.MaxHeldRequests);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Limits.HandshakeTimeout);
        Assert.Equal(TimeSpan.Zero, options.Limits.ShutdownGracePeriod);
        Assert.Equal(65536, options.Limits.MaxAudioInputBytes);
        Assert.Equal(new RtviLimits().InboxCapacity, options.Limits.InboxCapacity); // absent keys keep their defaults
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.BotAudio.Lead);
        Assert.False(options.BotAudio.SendsSpeakingEvents);
        Assert.Equal(TimeSpan.FromSeconds(2), options.BotAudio.OutputHoldTimeout);
        Assert.Equal(new RtviBotAudioOptions().FrameDuration, options.BotAudio.FrameDuration);
    }

    [Fact]
    public void WebSocket_options_are_read_from_the_same_section_and_code_can_add_to_them()
    {
        using var provider = Build(
            new()
            {
                ["Rtvi:AllowedOrigins:0"] = "https://a.example",
                ["Rtvi:AllowedOrigins:1"] = "https://b.example",
                ["Rtvi:KeepAliveInterval"] = "00:00:05",
                ["Rtvi:KeepAliveTimeout"] = "00:00:20",
            },
            builder => builder.ConfigureWebSockets(o => o.AllowedOrigins.Add("https://c.example")));
        var options = provider.GetRequiredService<IOptions<RtviWebSocketOptions>>().Value;
        Assert.Equal(["https://a.example", "https://b.example", "https://c.example"], options.AllowedOrigins);
        Assert.Equal(TimeSpan.FromSeconds(5), options.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(20), options.KeepAliveTimeout);
    }

    [Fact]
    public void Code_configuration_after_binding_wins()
    {
        using var provider = Build(new() { ["Rtvi:Mode"] = "V2" }, builder => builder.Configure(o => o.Mode = RtviProtocolMode.V0_3));
        Assert.Equal(RtviProtocolMode.V0_3, provider.GetRequiredService<RtviServer>().Options.Mode);
    }

    [Theory]
    [InlineData("Rtvi:Mode", "V3")]
    [InlineData("Rtvi:Mode", "7")]
    [InlineData("Rtvi:AutoBotReady", "yes")]
    [InlineData("Rtvi:Limits:MaxMessageBytes", "0")]
    [InlineData("Rtvi:Limits:InboxCapacity", "many")]
    [InlineData("Rtvi:Limits:MaxHeldRequests", "-1")]
    [InlineData("Rtvi:Limits:MaxAudioInputBytes", "0")]
    [InlineData("Rtvi:Limits:MaxAudioInputFrames", "-3")]
    [InlineData("Rtvi:Limits:HandshakeTimeout", "00:00:00")]
    [InlineData("Rtvi:Limits:FunctionCallTimeout", "soon")]
    [InlineData("Rtvi:Limits:ShutdownGracePeriod", "-00:00:01")]
    [InlineData("Rtvi:FunctionCallReportLevels:*", "Everything")]
    [InlineData("Rtvi:KeepAliveInterval", "-00:00:05")]
    [InlineData("Rtvi:BotAudio:Lead", "-00:00:01")]
    [InlineData("Rtvi:BotAudio:FrameDuration", "00:00:00")]
    [InlineData("Rtvi:BotAudio:StoppedSpeakingDelay", "later")]
    [InlineData("Rtvi:BotAudio:OutputHoldTimeout", "-00:00:01")]
    public void An_invalid_value_fails_at_start_naming_its_key(string key, string value) =>
        AssertFailsAtStartNaming(key, new() { [key] = value });

    /// <summary>Every limit's range, checked by hand (data annotations would link their type converters into AOT apps).</summary>
    [Theory]
    [InlineData("MaxMessageBytes", 1)]
    [InlineData("InboxCapacity", 1)]
    [InlineData("OutboxCapacity", 1)]
    [InlineData("MaxHeldRequests", 0)]
    [InlineData("MaxPendingActions", 0)]
    [InlineData("MaxPendingEvents", 0)]
    [InlineData("MaxPendingFunctionCalls", 0)]
    [InlineData("MaxInboxBytes", 1)]
    [InlineData("MaxOutboxBytes", 1)]
    [InlineData("MaxPendingBytes", 1)]
    [InlineData("MaxBytesBeforeClientReady", 1)]
    [InlineData("MaxSessions", 1)]
    public void A_limit_below_its_minimum_fails_naming_the_key_and_the_minimum_and_the_minimum_itself_passes(string limit, long minimum)
    {
        var key = "Rtvi:Limits:" + limit;
        using (var provider = Build(new() { [key] = (minimum - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            var error = Start(provider);
            Assert.NotNull(error);
            Assert.Contains($"'{key}' is out of range; expected a whole number, {minimum} or more.", error.Message, StringComparison.Ordinal);
        }
        using (var provider = Build(new() { [key] = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Null(Start(provider));
        }
    }

    [Fact]
    public async Task A_host_with_an_invalid_value_does_not_start_and_names_the_key()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Rtvi:Limits:InboxCapacity"] = "0" });
        builder.Services.AddRtvi().BindConfiguration(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("'Rtvi:Limits:InboxCapacity'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_value_fails_the_server_naming_its_key_before_anything_is_applied()
    {
        using var provider = Build(new() { ["Rtvi:Limits:MaxMessageBytes"] = "0" });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<RtviServer>());
        Assert.Contains("'Rtvi:Limits:MaxMessageBytes'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Initial_config_is_read_from_the_section_with_JSON_values()
    {
        using var provider = Build(new()
        {
            ["Rtvi:InitialConfig:0:Service"] = "tts",
            ["Rtvi:InitialConfig:0:Options:0:Name"] = "voice",
            ["Rtvi:InitialConfig:0:Options:0:Value"] = "\"aurora\"",
            ["Rtvi:InitialConfig:1:Service"] = "llm",
            ["Rtvi:InitialConfig:1:Options:0:Name"] = "temperature",
            ["Rtvi:InitialConfig:1:Options:0:Value"] = "0.7",
        });
        Assert.Null(Start(provider));
        var config = provider.GetRequiredService<RtviServer>().Options.InitialConfig;
        Assert.Equal(["tts", "llm"], config.Select(c => c.Service));
        var voice = Assert.Single(config[0].Options);
        Assert.Equal(("voice", "aurora"), (voice.Name, voice.Value.GetString()));
        Assert.Equal(0.7, Assert.Single(config[1].Options).Value.GetDouble());
    }

    [Fact]
    public void Initial_config_from_the_section_replaces_the_same_options_and_keeps_the_others_from_code()
    {
        using var provider = Build(
            new()
            {
                ["Rtvi:InitialConfig:0:Service"] = "tts",
                ["Rtvi:InitialConfig:0:Options:0:Name"] = "voice",
                ["Rtvi:InitialConfig:0:Options:0:Value"] = "\"breeze\"",
            },
            before: o => o.InitialConfig =
                [new("llm", [RtviOptionValue.Of("temperature", 0.2)]), new("tts", [RtviOptionValue.Of("voice", "aurora")])]);
        var configured = provider.GetRequiredService<RtviServer>().Options.InitialConfig;
        Assert.Equal(["llm", "tts"], configured.Select(c => c.Service));
        Assert.Equal("breeze", Assert.Single(configured[1].Options).Value.GetString());
    }

    [Fact]
    public void Initial_config_for_an_unregistered_service_fails_at_start_naming_its_key() =>
        AssertFailsAtStartNaming("Rtvi:InitialConfig:0:Service", new()
        {
            ["Rtvi:InitialConfig:0:Service"] = "stt",
            ["Rtvi:InitialConfig:0:Options:0:Name"] = "language",
            ["Rtvi:InitialConfig:0:Options:0:Value"] = "\"fr\"",
        });

    [Fact]
    public void Initial_config_for_an_unregistered_option_fails_at_start_naming_its_key() =>
        AssertFailsAtStartNaming("Rtvi:InitialConfig:0:Options:1:Name", new()
        {
            ["Rtvi:InitialConfig:0:Service"] = "tts",
            ["Rtvi:InitialConfig:0:Options:0:Name"] = "voice",
            ["Rtvi:InitialConfig:0:Options:0:Value"] = "\"aurora\"",
            ["Rtvi:InitialConfig:0:Options:1:Name"] = "pitch",
            ["Rtvi:InitialConfig:0:Options:1:Value"] = "1",
        });

    [Fact]
    public void Initial_config_value_of_the_wrong_wire_type_fails_at_start_naming_its_key() =>
        AssertFailsAtStartNaming("Rtvi:InitialConfig:0:Options:0:Value", new()
        {
            ["Rtvi:InitialConfig:0:Service"] = "llm",
            ["Rtvi:InitialConfig:0:Options:0:Name"] = "temperature",
            ["Rtvi:InitialConfig:0:Options:0:Value"] = "\"warm\"",
        });

    [Fact]
    public void Initial_config_value_that_is_not_JSON_fails_at_start_naming_its_key() =>
        AssertFailsAtStartNaming("Rtvi:InitialConfig:0:Options:0:Value", new()
        {
            ["Rtvi:InitialConfig:0:Service"] = "tts",
            ["Rtvi:InitialConfig:0:Options:0:Name"] = "voice",
            ["Rtvi:InitialConfig:0:Options:0:Value"] = "aurora",
        });
}
