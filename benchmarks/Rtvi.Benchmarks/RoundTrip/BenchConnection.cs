using System.Threading.Channels;
using Rtvi.Transports;

namespace Rtvi.Benchmarks.RoundTrip;

/// <summary>
/// The in-memory transport of the round-trip benchmarks: requests go in as the caller's bytes, answers come out as
/// their length, so that what is measured is the server side (unlike <see cref="RtviInMemoryConnection"/>, which turns
/// every message into a string for tests). Floor, session and reflection dispatcher all run over it.
/// </summary>
internal sealed class BenchConnection : RtviConnection
{
    private readonly Channel<ReadOnlyMemory<byte>> _toServer =
        Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Channel<int> _toClient = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>When set, the next answer is copied here (set-up only).</summary>
    public byte[]? Captured { get; private set; }

    public bool Capture { get; set; }

    /// <summary>Sends one request and waits for one answer; returns the answer's length.</summary>
    public ValueTask<int> RoundTripAsync(ReadOnlyMemory<byte> request)
    {
        _toServer.Writer.TryWrite(request);
        return _toClient.Reader.ReadAsync();
    }

    /// <summary>Sends one request and returns the answer's bytes (set-up only).</summary>
    public async Task<byte[]> CaptureRoundTripAsync(ReadOnlyMemory<byte> request)
    {
        Capture = true;
        await RoundTripAsync(request);
        Capture = false;
        return Captured!;
    }

    /// <summary>Whether an answer arrived that no request waited for.</summary>
    public bool HasUnexpectedAnswer => _toClient.Reader.TryPeek(out _);

    public void ClientClose() => _toServer.Writer.TryComplete();

    public override void Abort() => _toServer.Writer.TryComplete();

    public override ValueTask<RtviInboundFrame> ReceiveAsync(int maxMessageBytes, CancellationToken cancellationToken) =>
        _toServer.Reader.TryRead(out var message) ? new(Frame(message, maxMessageBytes)) : ReceiveSlowAsync(maxMessageBytes);

    public override ValueTask SendMessageAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        if (Capture)
        {
            Captured = json.ToArray();
        }
        _toClient.Writer.TryWrite(json.Length);
        return default;
    }

    // Like the WebSocket transport, the wait is not given the token (a cancellable channel wait allocates each time):
    // the session ends it by closing the client side.
    private async ValueTask<RtviInboundFrame> ReceiveSlowAsync(int maxMessageBytes) =>
        await _toServer.Reader.WaitToReadAsync().ConfigureAwait(false) && _toServer.Reader.TryRead(out var message)
            ? Frame(message, maxMessageBytes)
            : RtviInboundFrame.Closed;

    private static RtviInboundFrame Frame(ReadOnlyMemory<byte> message, int maxMessageBytes) =>
        message.Length > maxMessageBytes ? new(RtviFrameKind.Oversized, default) : new(RtviFrameKind.Message, message);
}
