using System.Buffers;
using System.IO.Pipelines;

namespace Rtvi.Transports;

/// <summary>
/// Newline-delimited JSON over a pair of streams (stdio for tools and tests): one envelope per line in and out.
/// Blank lines are skipped; a line longer than the limit is discarded up to its newline and reported as oversized.
/// </summary>
public sealed class RtviStreamConnection : RtviConnection
{
    private readonly PipeReader _input;
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private bool _discarding;

    /// <summary>Creates a connection reading lines from <paramref name="input"/> and writing lines to <paramref name="output"/>.</summary>
    public RtviStreamConnection(Stream input, Stream output, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _input = PipeReader.Create(input, new StreamPipeReaderOptions(leaveOpen: leaveOpen));
        _leaveOpen = leaveOpen;
    }

    /// <summary>A connection over the process's standard input and output.</summary>
    public static RtviStreamConnection OpenStandardStreams() => new(Console.OpenStandardInput(), Console.OpenStandardOutput());

    /// <inheritdoc />
    public override async ValueTask<RtviInboundFrame> ReceiveAsync(int maxMessageBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read.IsCanceled)
            {
                return RtviInboundFrame.Closed;
            }
            var buffer = read.Buffer;
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is { } end)
            {
                var line = buffer.Slice(0, end);
                if (_discarding || line.Length > maxMessageBytes)
                {
                    _input.AdvanceTo(buffer.GetPosition(1, end));
                    _discarding = false;
                    return new RtviInboundFrame(RtviFrameKind.Oversized, default);
                }
                // Copy before advancing: advancing hands the buffer's segments back to the pipe.
                var bytes = TrimCarriageReturn(line.ToArray());
                _input.AdvanceTo(buffer.GetPosition(1, end));
                if (bytes.AsSpan().Trim(" \t"u8).IsEmpty)
                {
                    continue;
                }
                return new RtviInboundFrame(RtviFrameKind.Message, bytes);
            }
            if (buffer.Length > maxMessageBytes)
            {
                // Too long already: drop what we have and skip to the next newline.
                _discarding = true;
                _input.AdvanceTo(buffer.End);
                continue;
            }
            if (read.IsCompleted)
            {
                var rest = buffer.ToArray();
                _input.AdvanceTo(buffer.End);
                if (_discarding)
                {
                    // The input ended inside an oversized line: report it; the next read sees the end.
                    _discarding = false;
                    return new RtviInboundFrame(RtviFrameKind.Oversized, default);
                }
                if (rest.AsSpan().Trim(" \t\r"u8).IsEmpty)
                {
                    return RtviInboundFrame.Closed;
                }
                return new RtviInboundFrame(RtviFrameKind.Message, TrimCarriageReturn(rest));
            }
            _input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <inheritdoc />
    public override async ValueTask SendMessageAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        await _output.WriteAsync(json, cancellationToken).ConfigureAwait(false);
        _output.WriteByte((byte)'\n');
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Ends a pending read; the streams are closed when the connection is disposed.</remarks>
    public override void Abort() => _input.CancelPendingRead();

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _input.CompleteAsync().ConfigureAwait(false);
        if (!_leaveOpen)
        {
            await _output.DisposeAsync().ConfigureAwait(false);
        }
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static byte[] TrimCarriageReturn(byte[] line) => line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
