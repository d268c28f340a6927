using Rtvi.Protocol;
using Rtvi.Transports;

namespace Rtvi.Benchmarks.RoundTrip;

/// <summary>
/// The floor of a round trip: receive the frame, read the same envelope the session reads, and send an answer of the
/// same size as the session's (prepared in advance, per request type); no dispatch, no handler, no JSON writing.
/// </summary>
internal static class FloorServer
{
    public static async Task RunAsync(RtviConnection connection, IReadOnlyDictionary<string, byte[]> answers)
    {
        while (true)
        {
            var frame = await connection.ReceiveAsync(int.MaxValue, CancellationToken.None).ConfigureAwait(false);
            if (frame.Kind == RtviFrameKind.Closed)
            {
                return;
            }
            var envelope = EnvelopeReader.Read(frame.Payload.Span);
            await connection.SendMessageAsync(answers[envelope.Type!], CancellationToken.None).ConfigureAwait(false);
        }
    }
}
