using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rtvi.AspNetCore;

namespace Rtvi.Tests.Transports;

/// <summary>The reflection-free binding of the "Rtvi" configuration section.</summary>
public sealed class ConfigurationBindingTests
{
    private static ServiceProvider Build(Dictionary<string, string?> values, Action<IRtviBuilder>? more = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        var builder = services.AddRtvi().BindConfiguration(configuration);
        more?.Invoke(builder);
        return services.BuildServiceProvider();
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
            ["Other:Mode"] = "V0_3",
        });
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
        Assert.Equal(new RtviLimits().InboxCapacity, options.Limits.InboxCapacity); // absent keys keep their defaults
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
    [InlineData("Rtvi:Mode", "1")]
    [InlineData("Rtvi:AutoBotReady", "yes")]
    [InlineData("Rtvi:Limits:MaxMessageBytes", "0")]
    [InlineData("Rtvi:Limits:InboxCapacity", "many")]
    [InlineData("Rtvi:Limits:MaxHeldRequests", "-1")]
    [InlineData("Rtvi:Limits:HandshakeTimeout", "00:00:00")]
    [InlineData("Rtvi:Limits:FunctionCallTimeout", "soon")]
    [InlineData("Rtvi:FunctionCallReportLevels:*", "Everything")]
    public void An_invalid_value_fails_naming_its_key(string key, string value)
    {
        using var provider = Build(new() { [key] = value });
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<RtviServer>());
        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_websocket_value_fails_naming_its_key()
    {
        using var provider = Build(new() { ["Rtvi:KeepAliveInterval"] = "-00:00:05" });
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<RtviWebSocketOptions>>().Value);
        Assert.Contains("'Rtvi:KeepAliveInterval'", error.Message, StringComparison.Ordinal);
    }
}
