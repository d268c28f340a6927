using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rtvi;

/// <summary>Registers an <see cref="RtviServer"/> in a service collection.</summary>
public static class RtviServiceCollectionExtensions
{
    /// <summary>Adds a singleton <see cref="RtviServer"/>; returns a builder for registrations and options.</summary>
    public static IRtviBuilder AddRtvi(this IServiceCollection services, Action<RtviServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = FindBuilder(services);
        if (builder is null)
        {
            builder = new RtviBuilder(services);
            services.AddSingleton(builder);
            services.AddSingleton(sp => sp.GetRequiredService<RtviBuilder>().Build(sp));
        }
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        return builder;
    }

    private static RtviBuilder? FindBuilder(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(RtviBuilder) && descriptor.ImplementationInstance is RtviBuilder existing)
            {
                return existing;
            }
        }
        return null;
    }

    private sealed class RtviBuilder(IServiceCollection services) : IRtviBuilder
    {
        private readonly List<Action<RtviRegistryBuilder>> _registrations = [];
        private readonly List<Action<RtviServerOptions>> _configurations = [];

        public IServiceCollection Services { get; } = services;

        public IRtviBuilder ConfigureRegistry(Action<RtviRegistryBuilder> configure)
        {
            ArgumentNullException.ThrowIfNull(configure);
            _registrations.Add(configure);
            return this;
        }

        public IRtviBuilder Configure(Action<RtviServerOptions> configure)
        {
            ArgumentNullException.ThrowIfNull(configure);
            _configurations.Add(configure);
            return this;
        }

        public RtviServer Build(IServiceProvider services)
        {
            var registry = new RtviRegistryBuilder();
            foreach (var registration in _registrations)
            {
                registration(registry);
            }
            var options = new RtviServerOptions();
            foreach (var configuration in _configurations)
            {
                configuration(options);
            }
            return new RtviServer(registry.Build(), options, services.GetService<ILoggerFactory>(), services);
        }
    }
}
