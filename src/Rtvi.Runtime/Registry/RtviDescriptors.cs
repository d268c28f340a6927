namespace Rtvi;

/// <summary>A registered option: name, wire type and binder.</summary>
public sealed record RtviOptionDescriptor(string Service, string Name, RtviWireType Type, RtviOptionBinder Binder)
{
    /// <summary>The <c>"service:option"</c> key (the handler name in telemetry).</summary>
    internal string Key { get; } = Service + ":" + Name;
}

/// <summary>A registered service and its options, in registration order.</summary>
public sealed record RtviServiceDescriptor(string Name, IReadOnlyList<RtviOptionDescriptor> Options)
{
    /// <summary>The option named <paramref name="name"/>, or <c>null</c>.</summary>
    public RtviOptionDescriptor? FindOption(string name)
    {
        foreach (var option in Options)
        {
            if (option.Name == name)
            {
                return option;
            }
        }
        return null;
    }
}

/// <summary>A declared action argument: wire name, wire type and whether it may be omitted.</summary>
public sealed record RtviArgumentDescriptor(string Name, RtviWireType Type, bool IsOptional = false);

/// <summary>A registered action.</summary>
public sealed record RtviActionDescriptor(
    string Service, string Name, IReadOnlyList<RtviArgumentDescriptor> Arguments, RtviWireType Result, RtviActionHandler Handler)
{
    /// <summary>The <c>"service:action"</c> key (also the 2.x <c>client-message</c> type that reaches this action).</summary>
    public string Key { get; } = Service + ":" + Name;
}

/// <summary>
/// A registered 2.x <c>client-message</c> handler; <paramref name="IsConcurrent"/>: its messages run concurrently
/// instead of on the sequential action lane (see <see cref="RtviClientMessageAttribute.Concurrent"/>).
/// </summary>
public sealed record RtviClientMessageDescriptor(string Type, RtviClientMessageHandler Handler, bool IsConcurrent = false);
