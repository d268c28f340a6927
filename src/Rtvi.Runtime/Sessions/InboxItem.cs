using Rtvi.Protocol;
using Rtvi.Transports;

namespace Rtvi.Sessions;

/// <summary>What an inbox item is: an inbound frame, or a control item another thread posted to the dispatcher.</summary>
internal enum InboxKind : byte { Message, Audio, Oversized, Undecodable, InputClosed, End, Deadline, BotReady, OverBudget, Shutdown }


/// <summary>An inbound frame with its envelope read, or a control item.</summary>
internal readonly record struct InboxItem(InboxKind Kind, ReadOnlyMemory<byte> Payload, Envelope Envelope, int SampleRate, int NumChannels, TaskCompletionSource? Completion)
{
    public long Bytes => Payload.Length;

    public static InboxItem Control(InboxKind kind, TaskCompletionSource? completion = null) => new(kind, default, default, 0, 0, completion);

    public static InboxItem From(RtviInboundFrame frame) => frame.Kind switch
    {
        RtviFrameKind.Message => new(InboxKind.Message, frame.Payload, EnvelopeReader.Read(frame.Payload.Span), 0, 0, null),
        RtviFrameKind.Audio => new(InboxKind.Audio, frame.Payload, default, frame.SampleRate, frame.NumChannels, null),
        RtviFrameKind.Oversized => Control(InboxKind.Oversized),
        _ => Control(InboxKind.Undecodable),
    };
}
