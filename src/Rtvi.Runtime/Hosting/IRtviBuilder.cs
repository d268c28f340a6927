using Microsoft.Extensions.DependencyInjection;

namespace Rtvi;

/// <summary>Configures an RTVI server in a service collection; returned by <c>AddRtvi()</c>.</summary>
public interface IRtviBuilder
{
    /// <summary>The service collection the server is registered in.</summary>
    IServiceCollection Services { get; }

    /// <summary>Adds registrations (services, options, actions, client messages) to the server's registry.</summary>
    IRtviBuilder ConfigureRegistry(Action<RtviRegistryBuilder> configure);

    /// <summary>Changes server options (mode, initial config, limits, hooks).</summary>
    IRtviBuilder Configure(Action<RtviServerOptions> configure);
}
