using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Rtvi;

/// <summary>
/// The immutable set of services, options, actions and client-message handlers a server offers, shared by all
/// sessions. Built once with <see cref="RtviRegistryBuilder"/> (generated code or manual registration).
/// </summary>
public sealed class RtviRegistry
{
    private readonly FrozenDictionary<string, RtviServiceDescriptor> _services;
    private readonly FrozenDictionary<string, RtviActionDescriptor> _actions;
    private readonly FrozenDictionary<string, RtviActionDescriptor>.AlternateLookup<ReadOnlySpan<char>> _actionsBySpan;
    private readonly FrozenDictionary<string, RtviClientMessageDescriptor> _clientMessages;

    internal RtviRegistry(
        IReadOnlyList<RtviServiceDescriptor> services,
        IReadOnlyList<RtviActionDescriptor> actions,
        IReadOnlyList<RtviClientMessageDescriptor> clientMessages,
        IJsonTypeInfoResolver? jsonTypeInfoResolver = null)
    {
        JsonTypeInfoResolver = jsonTypeInfoResolver;
        Services = services;
        Actions = actions;
        ClientMessages = clientMessages;
        _services = services.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
        _actions = actions.ToFrozenDictionary(a => a.Key, StringComparer.Ordinal);
        _actionsBySpan = _actions.GetAlternateLookup<ReadOnlySpan<char>>();
        _clientMessages = clientMessages.ToFrozenDictionary(c => c.Type, StringComparer.Ordinal);
    }

    /// <summary>The <c>config-available</c> data, written once (the registry never changes).</summary>
    internal byte[]? ConfigAvailableJson { get; set; }

    /// <summary>The action descriptors array of <c>actions-available</c> and 0.3 <c>bot-ready</c>, written once.</summary>
    internal byte[]? ActionDescriptorsJson { get; set; }

    /// <summary>An empty registry.</summary>
    public static RtviRegistry Empty { get; } = new([], [], []);

    /// <summary>Services in registration order.</summary>
    public IReadOnlyList<RtviServiceDescriptor> Services { get; }

    /// <summary>Actions in registration order.</summary>
    public IReadOnlyList<RtviActionDescriptor> Actions { get; }

    /// <summary>Client-message handlers in registration order.</summary>
    public IReadOnlyList<RtviClientMessageDescriptor> ClientMessages { get; }

    /// <summary>
    /// The JSON metadata of the handlers' complex types (the bot's own serializer context first, then the generated
    /// metadata), or <c>null</c> when nothing was registered. Use it for payloads of the same types, without reflection.
    /// </summary>
    public IJsonTypeInfoResolver? JsonTypeInfoResolver { get; }

    /// <summary>The service named <paramref name="name"/>, or <c>null</c>.</summary>
    public RtviServiceDescriptor? FindService(string name) => _services.GetValueOrDefault(name);

    /// <summary>The action registered as <c>service:action</c>, or <c>null</c>.</summary>
    public RtviActionDescriptor? FindAction(string key) => _actions.GetValueOrDefault(key);

    /// <summary>
    /// The action registered as <c>service:action</c> for two JSON strings, or <c>null</c>, looked up without building
    /// strings when the names are short and unescaped (always, in practice).
    /// </summary>
    internal RtviActionDescriptor? FindAction(JsonElement service, JsonElement action)
    {
        Span<char> key = stackalloc char[MaxStackKeyChars];
        if (TryCopyUnescaped(service, key, out var serviceLength) && serviceLength < key.Length
            && TryCopyUnescaped(action, key[(serviceLength + 1)..], out var actionLength))
        {
            key[serviceLength] = ':';
            return _actionsBySpan.TryGetValue(key[..(serviceLength + 1 + actionLength)], out var found) ? found : null;
        }
        return FindAction(service.GetString() + ":" + action.GetString());
    }

    private const int MaxStackKeyChars = 256;

    /// <summary>Copies a JSON string's characters when it has no escapes and fits.</summary>
    private static bool TryCopyUnescaped(JsonElement value, Span<char> destination, out int written)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length >= 2 && raw[0] == (byte)'"')
        {
            raw = raw[1..^1];
        }
        if (raw.Contains((byte)'\\'))
        {
            written = 0;
            return false;
        }
        return Encoding.UTF8.TryGetChars(raw, destination, out written);
    }

    /// <summary>
    /// The handler of <c>client-message</c>s whose <c>t</c> has neither a handler nor an action, or <c>null</c> (they
    /// get <c>error-response</c> "No handler for client-message type …"). Its context names the <c>t</c> received.
    /// </summary>
    public RtviClientMessageHandler? ClientMessageFallback { get; internal init; }

    /// <summary>The client-message handler for type <paramref name="type"/>, or <c>null</c>.</summary>
    public RtviClientMessageDescriptor? FindClientMessage(string type) => _clientMessages.GetValueOrDefault(type);
}
