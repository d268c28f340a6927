using System.ComponentModel.DataAnnotations;

namespace Rtvi.AspNetCore.Configuration;

/// <summary><c>Rtvi:Limits</c>: the <see cref="RtviLimits"/> a configuration sets; absent keys keep their defaults.</summary>
internal sealed class RtviLimitsSettings
{
    [Range(1, int.MaxValue)]
    public int? MaxMessageBytes { get; set; }

    [Range(1, int.MaxValue)]
    public int? InboxCapacity { get; set; }

    [Range(1, int.MaxValue)]
    public int? OutboxCapacity { get; set; }

    [Range(0, int.MaxValue)]
    public int? MaxHeldRequests { get; set; }

    [Range(0, int.MaxValue)]
    public int? MaxPendingActions { get; set; }

    [Range(0, int.MaxValue)]
    public int? MaxPendingEvents { get; set; }

    [Range(0, int.MaxValue)]
    public int? MaxPendingFunctionCalls { get; set; }

    [Range(1, long.MaxValue)]
    public long? MaxInboxBytes { get; set; }

    [Range(1, long.MaxValue)]
    public long? MaxOutboxBytes { get; set; }

    [Range(1, long.MaxValue)]
    public long? MaxPendingBytes { get; set; }

    [Range(1, long.MaxValue)]
    public long? MaxBytesBeforeClientReady { get; set; }

    [Range(1, int.MaxValue)]
    public int? MaxSessions { get; set; }

    [Range(1, long.MaxValue)]
    public long? MaxAudioInputBytes { get; set; }

    [Range(1, int.MaxValue)]
    public int? MaxAudioInputFrames { get; set; }

    public TimeSpan? OutboxSendTimeout { get; set; }

    public TimeSpan? HandshakeTimeout { get; set; }

    public TimeSpan? FunctionCallTimeout { get; set; }

    public TimeSpan? ShutdownGracePeriod { get; set; }

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
