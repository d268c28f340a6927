using System.Text.Json;

namespace Rtvi.Conformance;

/// <summary>
/// The conformance fixtures F03 (protocol 0.3.0) and F2 (protocol 2.1.0), exactly as specified in
/// shared/conformance-fixture.md. Registered by hand through the public registration API.
/// </summary>
public static class ConformanceFixtures
{
    private const string HandlerLogKey = "handler_log";

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
                HandlerLog(session).Add(JsonSerializer.SerializeToElement("interrupt", FixtureJson.Default.String));
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

    /// <summary>Registers the fixtures served in <paramref name="mode"/>: F03, F2 or both.</summary>
    public static void Register(RtviRegistryBuilder registry, RtviProtocolMode mode)
    {
        if (mode != RtviProtocolMode.V2)
        {
            RegisterF03(registry);
        }
        if (mode != RtviProtocolMode.V0_3)
        {
            RegisterF2(registry);
        }
    }

    /// <summary>F03: services llm/tts/stt with logged options, and seven actions.</summary>
    public static void RegisterF03(RtviRegistryBuilder registry)
    {
        AddLoggedOption(registry, "llm", "model", RtviWireType.String);
        AddLoggedOption(registry, "llm", "temperature", RtviWireType.Number);
        AddLoggedOption(registry, "llm", "messages", RtviWireType.Array);
        AddLoggedOption(registry, "tts", "voice", RtviWireType.String);
        AddLoggedOption(registry, "stt", "language", RtviWireType.String);

        registry.AddAction("tts", "say",
            [new("text", RtviWireType.String), new("interrupt", RtviWireType.Bool, IsOptional: true)], RtviWireType.Bool,
            static (_, args, _) =>
            {
                _ = RtviBinder.GetString(RtviBinder.Required(args, "text"), "text");
                _ = args.TryGetValue("interrupt", out var interrupt) && RtviBinder.GetBoolean(interrupt, "interrupt");
                return ValueTask.FromResult(RtviResult.FromBoolean(true));
            });

        registry.AddAction("test", "echo",
            [new("a", RtviWireType.Number), new("b", RtviWireType.Object)], RtviWireType.Object,
            static (_, args, _) => ValueTask.FromResult(RtviResult.FromArguments(args)));

        registry.AddAction("test", "fail", [], RtviWireType.Bool,
            static (_, _, _) => throw new InvalidOperationException("test:fail always fails"));

        registry.AddAction("test", "slow", [new("ms", RtviWireType.Number)], RtviWireType.Number,
            static async (_, args, ct) =>
            {
                var ms = RtviBinder.GetDouble(RtviBinder.Required(args, "ms"), "ms");
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(ms, 0, 60_000)), ct);
                return RtviResult.FromDouble(ms);
            });

        registry.AddAction("test", "handler_log", [], RtviWireType.Array,
            static (context, _, _) =>
            {
                var log = HandlerLog(context.Session);
                var result = JsonSerializer.SerializeToElement(log, FixtureJson.Default.ListJsonElement);
                log.Clear();
                return ValueTask.FromResult(RtviResult.FromElement(result));
            });

        registry.AddAction("test", "invoke_tool",
            [new("function_name", RtviWireType.String), new("tool_call_id", RtviWireType.String), new("args", RtviWireType.Object)],
            RtviWireType.Object,
            static async (context, args, ct) =>
            {
                var name = RtviBinder.GetString(RtviBinder.Required(args, "function_name"), "function_name");
                var id = RtviBinder.GetString(RtviBinder.Required(args, "tool_call_id"), "tool_call_id");
                var arguments = RtviBinder.GetElement(RtviBinder.Required(args, "args"), "args");
                var result = await context.Session.CallClientFunctionAsync(name, id, arguments, TimeSpan.FromSeconds(10), ct);
                return RtviResult.FromElement(result);
            });

        registry.AddAction("test", "server_message", [new("payload", RtviWireType.Object)], RtviWireType.Bool,
            static async (context, args, ct) =>
            {
                var payload = RtviBinder.GetElement(RtviBinder.Required(args, "payload"), "payload");
                await context.Session.Events.ServerMessageAsync(payload, ct);
                return RtviResult.FromBoolean(true);
            });
    }

    /// <summary>F2: the client-message handlers test.echo, test.fail, test.server_message and test.invoke_tool.</summary>
    public static void RegisterF2(RtviRegistryBuilder registry)
    {
        registry.AddClientMessage("test.echo", static (_, d, _) => ValueTask.FromResult(RtviResult.FromElement(d)));

        registry.AddClientMessage("test.fail", static (_, _, _) => throw new RtviRequestException("boom"));

        registry.AddClientMessage("test.server_message", static async (context, d, ct) =>
        {
            await context.Session.Events.ServerMessageAsync(d, ct);
            return RtviResult.FromString("ok");
        });

        registry.AddClientMessage("test.invoke_tool", static async (context, d, ct) =>
        {
            if (d.ValueKind != JsonValueKind.Object)
            {
                throw new RtviBindingException("'d' must be an object");
            }
            var name = RtviBinder.GetString(Member(d, "function_name"), "function_name");
            var id = RtviBinder.GetString(Member(d, "tool_call_id"), "tool_call_id");
            var arguments = Member(d, "arguments");
            var result = await context.Session.CallClientFunctionAsync(
                name, id, arguments.ValueKind == JsonValueKind.Object ? arguments : default, TimeSpan.FromSeconds(10), ct);
            return RtviResult.FromElement(result);
        });
    }

    private static JsonElement Member(JsonElement d, string name) => d.TryGetProperty(name, out var value) ? value : default;

    private static void AddLoggedOption(RtviRegistryBuilder registry, string service, string option, RtviWireType type) =>
        registry.AddOption(service, option, type, value =>
        {
            var copy = value.Clone();
            return (context, _) =>
            {
                var entry = new List<JsonElement>
                {
                    JsonSerializer.SerializeToElement(service, FixtureJson.Default.String),
                    JsonSerializer.SerializeToElement(option, FixtureJson.Default.String),
                    copy,
                };
                HandlerLog(context.Session).Add(JsonSerializer.SerializeToElement(entry, FixtureJson.Default.ListJsonElement));
                return default;
            };
        });

    private static List<JsonElement> HandlerLog(RtviSession session)
    {
        lock (session.Items)
        {
            if (session.Items.TryGetValue(HandlerLogKey, out var existing) && existing is List<JsonElement> log)
            {
                return log;
            }
            var created = new List<JsonElement>();
            session.Items[HandlerLogKey] = created;
            return created;
        }
    }
}
