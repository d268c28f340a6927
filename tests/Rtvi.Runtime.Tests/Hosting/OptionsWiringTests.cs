using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Rtvi.Tests.Hosting;

/// <summary><c>AddRtvi</c> takes the server's options from <see cref="IOptions{RtviServerOptions}"/>.</summary>
public sealed class OptionsWiringTests
{
    [Fact]
    public void Services_Configure_of_server_options_reaches_the_server()
    {
        var services = new ServiceCollection();
        services.AddRtvi();
        services.Configure<RtviServerOptions>(o => o.Mode = RtviProtocolMode.V2);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(RtviProtocolMode.V2, provider.GetRequiredService<RtviServer>().Options.Mode);
    }

    [Fact]
    public void The_server_options_are_the_IOptions_value()
    {
        var services = new ServiceCollection();
        services.AddRtvi(o => o.AutoBotReady = false);
        using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<IOptions<RtviServerOptions>>().Value, provider.GetRequiredService<RtviServer>().Options);
    }

    [Fact]
    public void Configure_actions_apply_in_registration_order()
    {
        var services = new ServiceCollection();
        var builder = services.AddRtvi(o => o.Mode = RtviProtocolMode.V0_3);
        services.Configure<RtviServerOptions>(o => o.Mode = RtviProtocolMode.V2);
        builder.Configure(o => o.Mode = RtviProtocolMode.Auto);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(RtviProtocolMode.Auto, provider.GetRequiredService<RtviServer>().Options.Mode);
    }
}
