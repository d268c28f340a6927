using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Rtvi;

/// <summary>Registers an <see cref="RtviServer"/> in a service collection.</summary>
public static class RtviServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="RtviServer"/> whose options come from <see cref="IOptions{RtviServerOptions}"/>;
    /// <paramref name="configure"/> and <see cref="IRtviBuilder.Configure"/> are ordinary
    /// <c>services.Configure&lt;RtviServerOptions&gt;(…)</c> registrations, applied in the order they were made.
    /// Also registers, for each session's DI scope, <see cref="IRtviSessionAccessor"/> and <see cref="RtviSession"/> itself
    /// (scoped), so services that handlers use can send events. Returns a builder for registrations and options.
    /// </summary>
    public static IRtviBuilder AddRtvi(this IServiceCollection services, Action<RtviServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = FindBuilder(services);
        if (builder is null)
        {
            builder = new RtviBuilder(services);
            services.AddSingleton(builder);
            services.AddOptions<RtviServerOptions>();
            services.TryAddScoped<IRtviSessionAccessor, RtviSessionAccessor>();
            services.TryAddScoped(static sp => sp.GetRequiredService<IRtviSessionAccessor>().Session
                ?? throw new InvalidOperationException("No RTVI session in this scope: RtviSession is injectable only in a session's scope."));
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
            Services.Configure(configure);
            return this;
        }

        public RtviServer Build(IServiceProvider services)
        {
            var registry = new RtviRegistryBuilder();
            foreach (var registration in _registrations)
            {
                registration(registry);
            }
            var options = services.GetRequiredService<IOptions<RtviServerOptions>>().Value;
            return new RtviServer(registry.Build(), options, services.GetService<ILoggerFactory>(), services);
        }
    }
}
