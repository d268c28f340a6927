using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Rtvi.Transports;

namespace Rtvi.Benchmarks.RoundTrip;

/// <summary>
/// The alternative a bot author would write without the generator: envelopes, payloads and answers through
/// reflection-mode <see cref="JsonSerializer"/>, handlers found by their attributes once and called with
/// <see cref="MethodInfo.Invoke(object?, object?[])"/>. Inline on the receive loop (no lanes), one request at a time.
/// Not AOT-safe; benchmark comparison only.
/// </summary>
internal sealed class ReflectionDispatcher
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private readonly Dictionary<string, MethodInfo> _actions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MethodInfo> _clientMessages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MethodInfo> _options = new(StringComparer.Ordinal);
    private readonly List<WireServiceConfig> _config = [];

    public ReflectionDispatcher(IEnumerable<Type> types, IEnumerable<WireServiceConfig> initialConfig)
    {
        foreach (var type in types)
        {
            var serviceName = type.GetCustomAttribute<RtviServiceAttribute>()?.Name;
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<RtviActionAttribute>() is { } action)
                {
                    _actions[(action.Service ?? serviceName) + ":" + action.Name] = method;
                }
                else if (method.GetCustomAttribute<RtviClientMessageAttribute>() is { } message)
                {
                    _clientMessages[message.Type] = method;
                }
                else if (method.GetCustomAttribute<RtviOptionAttribute>() is { } option)
                {
                    _options[(option.Service ?? serviceName) + "." + option.Name] = method;
                }
            }
        }
        _config.AddRange(initialConfig);
    }

    public async Task RunAsync(RtviConnection connection)
    {
        while (true)
        {
            var frame = await connection.ReceiveAsync(int.MaxValue, CancellationToken.None).ConfigureAwait(false);
            if (frame.Kind == RtviFrameKind.Closed)
            {
                return;
            }
            var answer = Dispatch(JsonSerializer.Deserialize<WireEnvelope>(frame.Payload.Span, Options)!);
            await connection.SendMessageAsync(answer, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private byte[] Dispatch(WireEnvelope request) => request.Type switch
    {
        "client-ready" => Answer(request, "bot-ready", new { version = "0.3.0" }),
        "get-config" => Answer(request, "config", new WireConfig(_config)),
        "update-config" => UpdateConfig(request),
        "describe-actions" => Answer(request, "actions-available", new { actions = DescribeActions() }),
        "action" => Action(request),
        "client-message" => ClientMessage(request),
        _ => Answer(request, "error-response", new { error = "unsupported" }),
    };

    private byte[] Action(WireEnvelope request)
    {
        var data = request.Data.Deserialize<WireAction>(Options)!;
        var method = _actions[data.Service + ":" + data.Action];
        var parameters = method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var wireName = JsonNamingPolicy.SnakeCaseLower.ConvertName(parameters[i].Name!);
            var sent = data.Arguments.Find(a => a.Name == wireName);
            arguments[i] = sent is not null ? sent.Value.Deserialize(parameters[i].ParameterType, Options) : parameters[i].DefaultValue;
        }
        return Answer(request, "action-response", new { result = method.Invoke(null, arguments) });
    }

    private byte[] ClientMessage(WireEnvelope request)
    {
        var data = request.Data.Deserialize<WireClientMessage>(Options)!;
        var method = _clientMessages[data.T];
        var d = data.D.Deserialize(method.GetParameters()[0].ParameterType, Options);
        return Answer(request, "server-response", new { t = data.T, d = method.Invoke(null, [d]) });
    }

    private byte[] UpdateConfig(WireEnvelope request)
    {
        var data = request.Data.Deserialize<WireUpdateConfig>(Options)!;
        foreach (var service in data.Config)
        {
            foreach (var option in service.Options)
            {
                var method = _options[service.Service + "." + option.Name];
                method.Invoke(null, [option.Value.Deserialize(method.GetParameters()[0].ParameterType, Options)]);
                var current = _config.Find(c => c.Service == service.Service);
                if (current is null)
                {
                    _config.Add(current = new WireServiceConfig(service.Service, []));
                }
                current.Options.RemoveAll(o => o.Name == option.Name);
                current.Options.Add(new WireOption(option.Name, option.Value.Clone()));
            }
        }
        return Answer(request, "config", new WireConfig(_config));
    }

    private List<WireActionDescriptor> DescribeActions()
    {
        var list = new List<WireActionDescriptor>(_actions.Count);
        foreach (var (key, method) in _actions)
        {
            var separator = key.IndexOf(':', StringComparison.Ordinal);
            var arguments = method.GetParameters()
                .Select(p => new WireTypedName(JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name!), WireTypeOf(p.ParameterType)))
                .ToList();
            list.Add(new WireActionDescriptor(key[..separator], key[(separator + 1)..], arguments, WireTypeOf(method.ReturnType)));
        }
        return list;
    }

    private static string WireTypeOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) ? "string"
            : type == typeof(bool) ? "bool"
            : type.IsPrimitive || type == typeof(decimal) ? "number"
            : type.IsArray ? "array"
            : "object";
    }

    private static byte[] Answer(WireEnvelope request, string type, object data) =>
        JsonSerializer.SerializeToUtf8Bytes(new WireAnswer("rtvi-ai", type, request.Id, data), Options);
}

internal sealed record WireEnvelope(string Label, string Type, string? Id, JsonElement Data);

internal sealed record WireAnswer(string Label, string Type, string? Id, object Data);

internal sealed record WireAction(string Service, string Action, List<WireArgument> Arguments);

internal sealed record WireArgument(string Name, JsonElement Value);

internal sealed record WireClientMessage(string T, JsonElement D);

internal sealed record WireUpdateConfig(List<WireServiceConfig> Config, bool Interrupt = false);

internal sealed record WireServiceConfig(string Service, List<WireOption> Options);

internal sealed record WireOption(string Name, JsonElement Value);

internal sealed record WireConfig(List<WireServiceConfig> Config);

internal sealed record WireActionDescriptor(string Service, string Action, List<WireTypedName> Arguments, string Result);

internal sealed record WireTypedName(string Name, string Type);
