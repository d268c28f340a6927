namespace Rtvi.AspNetCore.Configuration;

/// <summary>
/// <c>Rtvi:Limits</c>: the <see cref="RtviLimits"/> a configuration sets; absent keys keep their defaults. The ranges are
/// checked by <see cref="RtviSettingsValidator"/> (hand-written: data annotations would link their type converters).
/// </summary>
internal sealed class RtviLimitsSettings
{
    public int? MaxMessageBytes { get; set; }

    public int? InboxCapacity { get; set; }

    public int? OutboxCapacity { get; set; }

    public int? MaxHeldRequests { get; set; }

    public int? MaxPendingActions { get; set; }

    public int? MaxPendingEvents { get; set; }

    public int? MaxPendingFunctionCalls { get; set; }

    public long? MaxInboxBytes { get; set; }

    public long? MaxOutboxBytes { get; set; }

    public long? MaxPendingBytes { get; set; }

    public long? MaxBytesBeforeClientReady { get; set; }

    public int? MaxSessions { get; set; }

    public long? MaxAudioInputBytes { get; set; }

    public int? MaxAudioInputFrames { get; set; }

    public TimeSpan? OutboxSendTimeout { get; set; }

    public TimeSpan? HandshakeTimeout { get; set; }

    public TimeSpan? FunctionCallTimeout { get; set; }

    public TimeSpan? ShutdownGracePeriod { get; set; }

    /// <summary>Each count or size limit (by property name, which is its key), its value and the smallest value allowed.</summary>
    public (string Name, long? Value, long Minimum)[] Ranges() =>
    [
        (nameof(MaxMessageBytes), MaxMessageBytes, 1), (nameof(InboxCapacity), InboxCapacity, 1), (nameof(OutboxCapacity), OutboxCapacity, 1),
        (nameof(MaxHeldRequests), MaxHeldRequests, 0), (nameof(MaxPendingActions), MaxPendingActions, 0),
        (nameof(MaxPendingEvents), MaxPendingEvents, 0), (nameof(MaxPendingFunctionCalls), MaxPendingFunctionCalls, 0),
        (nameof(MaxInboxBytes), MaxInboxBytes, 1), (nameof(MaxOutboxBytes), MaxOutboxBytes, 1), (nameof(MaxPendingBytes), MaxPendingBytes, 1),
        (nameof(MaxBytesBeforeClientReady), MaxBytesBeforeClientReady, 1), (nameof(MaxSessions), MaxSessions, 1),
        (nameof(MaxAudioInputBytes), MaxAudioInputBytes, 1), (nameof(MaxAudioInputFrames), MaxAudioInputFrames, 1),
    ];

    public void ApplyTo(RtviLimits limits)
    {
        limits.MaxMessageBytes = MaxMessageBytes ?? limits.MaxMessageBytes;
        limits.InboxCapacity = InboxCapacity ?? limits.InboxCapacity;
        limits.OutboxCapacity = OutboxCapacity ?? limits.OutboxCapacity;
        limits.MaxHeldRequests = MaxHeldRequests ?? limits.MaxHeldRequests;
        limits.MaxPendingActions = MaxPendingActions ?? limits.MaxPendingActions;
        limits.MaxPendingEvents = MaxPendingEvents ?? limits.MaxPendingEvents;
        limits.MaxPendingFunctionCalls = MaxPendingFunctionCalls ?? limits.MaxPendingFunctionCalls;
        limits.MaxInboxBytes = MaxInboxBytes ?? limits.MaxInboxBytes;
        limits.MaxOutboxBytes = MaxOutboxBytes ?? limits.MaxOutboxBytes;
        limits.MaxPendingBytes = MaxPendingBytes ?? limits.MaxPendingBytes;
        limits.MaxBytesBeforeClientReady = MaxBytesBeforeClientReady ?? limits.MaxBytesBeforeClientReady;
        limits.MaxSessions = MaxSessions ?? limits.MaxSessions;
        limits.MaxAudioInputBytes = MaxAudioInputBytes ?? limits.MaxAudioInputBytes;
        limits.MaxAudioInputFrames = MaxAudioInputFrames ?? limits.MaxAudioInputFrames;
        limits.OutboxSendTimeout = OutboxSendTimeout ?? limits.OutboxSendTimeout;
        limits.HandshakeTimeout = HandshakeTimeout ?? limits.HandshakeTimeout;
        limits.FunctionCallTimeout = FunctionCallTimeout ?? limits.FunctionCallTimeout;
        limits.ShutdownGracePeriod = ShutdownGracePeriod ?? limits.ShutdownGracePeriod;
    }
}
