using System.Buffers;
using System.Net.WebSockets;

namespace Rtvi.Transports;

/// <summary>How RTVI envelopes travel over a WebSocket.</summary>
public enum RtviWebSocketFraming
{
    /// <summary>
    /// Binary messages, each one serialized <c>pipecat.Frame</c> (<c>@pipecat-ai/websocket-transport</c>): envelopes in
    /// <c>Frame.message.data</c>, audio in <c>Frame.audio</c>.
    /// </summary>
    Protobuf,
    /// <summary>Text messages, each one JSON envelope; no audio.</summary>
    JsonText,
}

/// <summary>
/// An RTVI connection over a <see cref="WebSocket"/>, speaking the framing the client chose.
/// </summary>
/// <remarks>
/// <para>
/// The type of the client's first data message decides how the server answers: binary → <see cref="RtviWebSocketFraming.Protobuf"/>,
/// text → <see cref="RtviWebSocketFraming.JsonText"/>. Until then the server answers in protobuf, which the official client requires.
/// Afterwards every inbound message is still read by its own type (a text message is one JSON envelope, a binary message one
/// <c>pipecat.Frame</c>), so a client that mixes them is understood; only the answers keep the framing chosen first.
/// </para>
/// <para>
/// A binary message that is not a usable <c>pipecat.Frame</c> is reported as <see cref="RtviFrameKind.Undecodable"/> and the
/// session goes on. A message larger than the limit is read to its end and discarded, then reported as
/// <see cref="RtviFrameKind.Oversized"/>: its content is never parsed or echoed. Audio travels only in protobuf framing.
/// </para>
/// <para>The connection owns the socket: <see cref="DisposeAsync"/> disposes it.</para>
/// </remarks>
public sealed class RtviWebSocketConnection : RtviConnection
{
    private const int InitialBufferBytes = 4 * 1024;
    private const int Undecided = -1;

    private static readonly TimeSpan s_defaultCloseTimeout = TimeSpan.FromSeconds(2);

    private readonly WebSocket _socket;
    private readonly TimeSpan _closeTimeout;
    private byte[]? _buffer;
    private int _framing = Undecided;
    private Task<ValueWebSocketReceiveResult>? _abandonedReceive;

    /// <summary>Creates a connection over an open <paramref name="socket"/>.</summary>
    /// <param name="socket">The accepted WebSocket; the connection takes ownership.</param>
    /// <param name="closeTimeout">How long <see cref="CloseAsync"/> waits for the close handshake (default 2 s) before aborting.</param>
    public RtviWebSocketConnection(WebSocket socket, TimeSpan? closeTimeout = null)
    {
        _socket = socket ?? throw new ArgumentNullException(nameof(socket));
        _closeTimeout = closeTimeout ?? s_defaultCloseTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_closeTimeout, TimeSpan.Zero, nameof(closeTimeout));
    }

    /// <summary>The framing of the server's messages: the type of the client's first data message, protobuf until then.</summary>
    public RtviWebSocketFraming Framing => Volatile.Read(ref _framing) == (int)RtviWebSocketFraming.JsonText
        ? RtviWebSocketFraming.JsonText
        : RtviWebSocketFraming.Protobuf;

    /// <summary>Whether the client's first data message has fixed <see cref="Framing"/>.</summary>
    public bool IsFramingDecided => Volatile.Read(ref _framing) != Undecided;

    /// <inheritdoc />
    /// <remarks>True in protobuf framing (<c>Frame.audio</c>); JSON text framing has no audio.</remarks>
    public override bool SupportsAudio => Framing == RtviWebSocketFraming.Protobuf;

    /// <inheritdoc />
    public override async ValueTask<RtviInboundFrame> ReceiveAsync(int maxMessageBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageBytes);
        if (_abandonedReceive is not null)
        {
            return RtviInboundFrame.Closed;
        }
        // Wait for the next message without holding a buffer (a zero-byte receive): an idle session keeps none.
        var waited = await ReceiveChunkAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        if (waited.MessageType == WebSocketMessageType.Close)
        {
            return RtviInboundFrame.Closed;
        }
        if (waited.EndOfMessage)
        {
            DecideFraming(waited.MessageType);
            return Complete(waited.MessageType, []);
        }
        var buffer = _buffer ??= ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        var count = 0;
        var oversized = false;
        while (true)
        {
            if (!oversized && count == buffer.Length)
            {
                buffer = Grow(buffer, count, maxMessageBytes);
            }
            // While discarding, every chunk overwrites the buffer; otherwise read at most one byte past the limit.
            var window = oversized ? buffer.AsMemory() : buffer.AsMemory(count, (int)Math.Min(buffer.Length - count, (long)maxMessageBytes + 1 - count));
            var result = await ReceiveChunkAsync(window, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return RtviInboundFrame.Closed;
            }
            if (!oversized)
            {
                count += result.Count;
                oversized = count > maxMessageBytes;
            }
            if (!result.EndOfMessage)
            {
                continue;
            }
            DecideFraming(result.MessageType);
            var frame = oversized ? new RtviInboundFrame(RtviFrameKind.Oversized, default) : Complete(result.MessageType, buffer.AsSpan(0, count));
            TrimBuffer();
            return frame;
        }
    }

    /// <inheritdoc />
    public override async ValueTask SendMessageAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        if (Framing == RtviWebSocketFraming.JsonText)
        {
            await _socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            return;
        }
        var frame = ArrayPool<byte>.Shared.Rent(PipecatFrameCodec.GetMessageFrameLength(json.Length));
        try
        {
            var length = PipecatFrameCodec.WriteMessageFrame(json.Span, frame);
            await _socket.SendAsync(frame.AsMemory(0, length), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <inheritdoc />
    /// <remarks>Sent as <c>Frame.audio</c>; dropped in JSON text framing, which has no audio.</remarks>
    public override async ValueTask SendAudioAsync(ReadOnlyMemory<byte> pcm, int sampleRate, int numChannels, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegative(numChannels);
        if (!SupportsAudio)
        {
            return;
        }
        var frame = ArrayPool<byte>.Shared.Rent(PipecatFrameCodec.GetAudioFrameLength(pcm.Length, sampleRate, numChannels));
        try
        {
            var length = PipecatFrameCodec.WriteAudioFrame(pcm.Span, sampleRate, numChannels, frame);
            await _socket.SendAsync(frame.AsMemory(0, length), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Completes the close handshake with <see cref="WebSocketCloseStatus.NormalClosure"/>, waiting at most the close timeout
    /// for the client's answer before aborting. A socket that is already closed or aborted is left as it is.
    /// </remarks>
    public override async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived or WebSocketState.CloseSent))
        {
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_closeTimeout);
        try
        {
            // CloseAsync sends our close frame (unless sent) and reads until the client's, taking over a receive that
            // the session abandoned on its way out.
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The client did not answer in time; cancelling has already aborted the socket.
            _socket.Abort();
        }
        catch (WebSocketException) when (_socket.State is WebSocketState.Aborted or WebSocketState.Closed)
        {
            // The client went away during the handshake: there is nothing left to close.
        }
    }

    /// <inheritdoc />
    /// <remarks>Aborts the WebSocket: the TCP connection is reset and everything buffered for it is released.</remarks>
    public override void Abort() => _socket.Abort();

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        if (_abandonedReceive is { } pending)
        {
            // Disposing the socket ends the receive; only then is the buffer it writes into free to go back to the pool.
            await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Receives one chunk. The socket's receive is not given the token, because cancelling a WebSocket receive aborts the
    /// socket and would make a clean close impossible: on cancellation the receive is abandoned instead, and
    /// <see cref="CloseAsync"/> finishes it.
    /// </summary>
    /// <summary>
    /// One receive; a peer that vanished without a close handshake (a closed tab, a lost network) reads as a close, the
    /// end of the stream.
    /// </summary>
    private async ValueTask<ValueWebSocketReceiveResult> ReceiveChunkAsync(Memory<byte> window, CancellationToken cancellationToken)
    {
        try
        {
            var receive = _socket.ReceiveAsync(window, CancellationToken.None);
            if (receive.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                return await receive.ConfigureAwait(false);
            }
            var pending = receive.AsTask();
            try
            {
                return await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _abandonedReceive = pending;
                throw;
            }
        }
        catch (WebSocketException exception) when (exception.WebSocketErrorCode == WebSocketError.ConnectionClosedPrematurely)
        {
            return new ValueWebSocketReceiveResult(0, WebSocketMessageType.Close, endOfMessage: true);
        }
    }

    private void DecideFraming(WebSocketMessageType type)
    {
        var framing = type == WebSocketMessageType.Text ? RtviWebSocketFraming.JsonText : RtviWebSocketFraming.Protobuf;
        Interlocked.CompareExchange(ref _framing, (int)framing, Undecided);
    }

    private static RtviInboundFrame Complete(WebSocketMessageType type, ReadOnlySpan<byte> message)
    {
        if (type == WebSocketMessageType.Text)
        {
            return new RtviInboundFrame(RtviFrameKind.Message, message.ToArray());
        }
        var frame = PipecatFrameCodec.Decode(message);
        var payload = message.Slice(frame.PayloadOffset, frame.PayloadLength);
        return frame.Kind switch
        {
            PipecatFrameKind.Message => new RtviInboundFrame(RtviFrameKind.Message, payload.ToArray()),
            PipecatFrameKind.Audio => new RtviInboundFrame(RtviFrameKind.Audio, payload.ToArray(), frame.SampleRate, frame.NumChannels),
            _ => new RtviInboundFrame(RtviFrameKind.Undecodable, default),
        };
    }

    private byte[] Grow(byte[] buffer, int count, int maxMessageBytes)
    {
        var size = (int)Math.Min(Math.Min((long)buffer.Length * 2, (long)maxMessageBytes + 1), Array.MaxLength);
        var larger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, count).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return _buffer = larger;
    }

    /// <summary>Gives the message buffer back to the pool between messages, so that an idle session holds none.</summary>
    private void TrimBuffer()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
