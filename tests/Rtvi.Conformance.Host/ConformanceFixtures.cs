namespace Rtvi.Conformance;

/// <summary>
/// The conformance fixtures F03 (protocol 0.3.0) and F2 (protocol 2.1.0), exactly as specified in
/// shared/conformance-fixture.md. The handlers are written with the attributes (F03Handlers.cs, F2Handlers.cs);
/// this class picks the ones a protocol mode serves and sets the options.
/// </summary>
public static class ConformanceFixtures
{
    /// <summary>Options for a protocol mode: F03's initial config, automatic readiness, the handler-log interrupt hook.</summary>
    public static RtviServerOptions CreateOptions(RtviProtocolMode mode)
    {
        var options = new RtviServerOptions();
        ConfigureOptions(options, mode);
        return options;
    }

    /// <summary>Applies the fixture settings for <paramref name="mode"/> to <paramref name="options"/>.</summary>
    public static void ConfigureOptions(RtviServerOptions options, RtviProtocolMode mode)
    {
        options.Mode = mode;
        options.AutoBotReady = true;
        if (mode != RtviProtocolMode.V2)
        {
            options.InitialConfig =
            [
                new RtviServiceConfig("llm", [RtviOptionValue.Of("model", "m-1")]),
                new RtviServiceConfig("tts", [RtviOptionValue.Of("voice", "v-1")]),
            ];
            options.Hooks.OnInterrupted = static (session, _) =>
            {
                HandlerLog.AppendInterrupt(session);
                return default;
            };
        }
    }

    /// <summary>The registry for a protocol mode.</summary>
    public static RtviRegistry CreateRegistry(RtviProtocolMode mode)
    {
        var registry = new RtviRegistryBuilder();
        Register(registry, mode);
        return registry.Build();
    }

    /// <summary>
    /// Registers the fixtures served in <paramref name="mode"/> from the generated handlers: F03 (services, options and
    /// actions) unless the mode is strictly 2.x, and F2 (client messages) unless it is strictly 0.3.
    /// </summary>
    public static void Register(RtviRegistryBuilder registry, RtviProtocolMode mode)
    {
        var all = new RtviRegistryBuilder();
        RtviGeneratedHandlers.Register(all);
        var generated = all.Build();
        if (mode != RtviProtocolMode.V2)
        {
            foreach (var service in generated.Services)
            {
                registry.AddService(service.Name);
                foreach (var option in service.Options)
                {
                    registry.AddOption(option.Service, option.Name, option.Type, option.Binder);
                }
            }
            foreach (var action in generated.Actions)
            {
                registry.AddAction(action.Service, action.Name, action.Arguments, action.Result, action.Handler);
            }
        }
        if (mode != RtviProtocolMode.V0_3)
        {
            foreach (var clientMessage in generated.ClientMessages)
            {
                registry.AddClientMessage(clientMessage.Type, clientMessage.Handler);
            }
        }
    }
}
