using System.Text;
using System.Threading.Channels;

namespace Rtvi.Transports;

/// <summary>
/// An in-process connection for tests and embedding: the "client side" writes JSON text with <see cref="ClientSendAsync(string)"/>
/// and reads what the server sent with <see cref="ClientReceiveAsync"/>.
/// </summary>
public sealed class RtviInMemoryConnection : RtviConnection
{
    private readonly Channel<RtviInboundFrame> _toServer = Channel.CreateUnbounded<RtviInboundFrame>();
    private readonly Channel<string> _toClient;

    /// <summary>Creates a connection whose client side buffers any number of server messages.</summary>
    public RtviInMemoryConnection()
        : this(clientBufferCapacity: null)
    {
    }

    /// <summary>
    /// Creates a connection whose client side buffers at most <paramref name="clientBufferCapacity"/> server messages; a
    /// client that does not read then makes the server's sends wait, as a stalled network peer does.
    /// </summary>
    public RtviInMemoryConnection(int? clientBufferCapacity)
    {
        _toClient = clientBufferCapacity is { } capacity
            ? Channel.CreateBounded<string>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait })
            : Channel.CreateUnbounded<string>();
    }

    /// <summary>Sends one message from the client (UTF-8 JSON text; need not be valid).</summary>
    public ValueTask ClientSendAsync(string json) => ClientSendAsync(Encoding.UTF8.GetBytes(json));

    /// <summary>Sends one message from the client as raw bytes.</summary>
    public ValueTask ClientSendAsync(byte[] message) => _toServer.Writer.WriteAsync(new RtviInboundFrame(RtviFrameKind.Message, message));

    /// <summary>Sends client audio.</summary>
    public ValueTask ClientSendAudioAsync(byte[] pcm, int sampleRate, int numChannels) =>
        _toServer.Writer.WriteAsync(new RtviInboundFrame(RtviFrameKind.Audio, pcm, sampleRate, numChannels));

    /// <summary>The client stops sending (as if it closed its side).</summary>
    public void ClientClose() => _toServer.Writer.TryComplete();

    /// <summary>The next message the server sent, or <c>null</c> when the server closed the connection.</summary>
    public async ValueTask<string?> ClientReceiveAsync(CancellationToken cancellationToken = default) =>
        await _toClient.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) && _toClient.Reader.TryRead(out var message) ? message : null;

    /// <summary>Whether the server has closed the connection.</summary>
    public bool IsClosedByServer { get; private set; }

    /// <summary>Whether the server aborted the connection.</summary>
    public bool IsAbortedByServer { get; private set; }

    /// <inheritdoc />
    public override async ValueTask<RtviInboundFrame> ReceiveAsync(int maxMessageBytes, CancellationToken cancellationToken)
    {
        if (!await _toServer.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || !_toServer.Reader.TryRead(out var frame))
        {
            return RtviInboundFrame.Closed;
        }
        return frame.Kind == RtviFrameKind.Message && frame.Payload.Length > maxMessageBytes
            ? new RtviInboundFrame(RtviFrameKind.Oversized, default)
            : frame;
    }

    /// <inheritdoc />
    public override ValueTask SendMessageAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken) =>
        _toClient.Writer.WriteAsync(Encoding.UTF8.GetString(json.Span), cancellationToken);

    /// <inheritdoc />
    public override ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        IsClosedByServer = true;
        _toClient.Writer.TryComplete();
        return default;
    }

    /// <inheritdoc />
    public override void Abort()
    {
        IsAbortedByServer = true;
        IsClosedByServer = true;
        _toClient.Writer.TryComplete();
        _toServer.Writer.TryComplete();
    }
}
