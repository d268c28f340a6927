using System.Text.Json.Serialization.Metadata;

namespace Rtvi;

/// <summary>
/// Collects registrations and builds an <see cref="RtviRegistry"/>. Generated code calls it; it is also the manual
/// registration API for dynamic cases and tests. Names must be unique: a duplicate throws.
/// </summary>
public sealed class RtviRegistryBuilder
{
    private readonly List<(string Name, List<RtviOptionDescriptor> Options)> _services = [];
    private readonly List<RtviActionDescriptor> _actions = [];
    private readonly List<RtviClientMessageDescriptor> _clientMessages = [];
    private RtviClientMessageHandler? _clientMessageFallback;
    private readonly List<IJsonTypeInfoResolver> _jsonResolvers = [];

    /// <summary>Declares a service (idempotent). Services appear in <c>describe-config</c> in the order first declared.</summary>
    public RtviRegistryBuilder AddService(string name)
    {
        ValidateName(name, nameof(name));
        GetOrAddService(name);
        return this;
    }

    /// <summary>Registers an option of <paramref name="service"/> (declaring the service if needed).</summary>
    public RtviRegistryBuilder AddOption(string service, string name, RtviWireType type, RtviOptionBinder binder)
    {
        ValidateName(service, nameof(service));
        ValidateName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(binder);
        var options = GetOrAddService(service);
        if (options.Exists(o => o.Name == name))
        {
            throw new InvalidOperationException($"Option '{service}.{name}' is registered twice.");
        }
        options.Add(new RtviOptionDescriptor(service, name, type, binder));
        return this;
    }

    /// <summary>Registers an action <c>service:name</c> with its declared arguments and result type.</summary>
    public RtviRegistryBuilder AddAction(
        string service, string name, IReadOnlyList<RtviArgumentDescriptor> arguments, RtviWireType result, RtviActionHandler handler)
    {
        ValidateName(service, nameof(service));
        ValidateName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(handler);
        var descriptor = new RtviActionDescriptor(service, name, [.. arguments], result, handler);
        if (_actions.Exists(a => a.Key == descriptor.Key))
        {
            throw new InvalidOperationException($"Action '{descriptor.Key}' is registered twice.");
        }
        _actions.Add(descriptor);
        return this;
    }

    /// <summary>
    /// Registers a handler for 2.x <c>client-message</c>s of type <paramref name="type"/>; with
    /// <paramref name="concurrent"/> its messages run concurrently instead of on the sequential action lane
    /// (<see cref="RtviClientMessageAttribute.Concurrent"/>).
    /// </summary>
    public RtviRegistryBuilder AddClientMessage(string type, RtviClientMessageHandler handler, bool concurrent = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(handler);
        if (_clientMessages.Exists(c => c.Type == type))
        {
            throw new InvalidOperationException($"Client message '{type}' is registered twice.");
        }
        _clientMessages.Add(new RtviClientMessageDescriptor(type, handler, concurrent));
        return this;
    }

    /// <summary>
    /// Sets the handler of <c>client-message</c>s whose <c>t</c> has neither a handler nor an action (see
    /// <see cref="RtviRegistry.ClientMessageFallback"/>); its answer is the <c>server-response</c>.
    /// </summary>
    public RtviRegistryBuilder SetClientMessageFallback(RtviClientMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _clientMessageFallback = handler;
        return this;
    }

    /// <summary>
    /// Adds a source of JSON metadata for the handlers' types. Resolvers are asked in the order added: generated code adds
    /// the bot's own serializer context (if any) first, then the generator's <c>Rtvi.RtviGeneratedJson</c>.
    /// </summary>
    public RtviRegistryBuilder AddJsonTypeInfoResolver(IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        if (!_jsonResolvers.Contains(resolver))
        {
            _jsonResolvers.Add(resolver);
        }
        return this;
    }

    /// <summary>Builds the immutable registry.</summary>
    public RtviRegistry Build() => new(
        [.. _services.Select(s => new RtviServiceDescriptor(s.Name, [.. s.Options]))],
        [.. _actions],
        [.. _clientMessages],
        _jsonResolvers.Count == 0 ? null : JsonTypeInfoResolver.Combine([.. _jsonResolvers]))
    {
        ClientMessageFallback = _clientMessageFallback,
    };

    private List<RtviOptionDescriptor> GetOrAddService(string name)
    {
        foreach (var service in _services)
        {
            if (service.Name == name)
            {
                return service.Options;
            }
        }
        var options = new List<RtviOptionDescriptor>();
        _services.Add((name, options));
        return options;
    }

    private static void ValidateName(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, paramName);
        if (value.Contains(':'))
        {
            throw new ArgumentException("Service, option and action names cannot contain ':'.", paramName);
        }
    }
}
