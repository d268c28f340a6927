using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Rtvi.Sessions;

/// <summary>
/// A session's inbound audio as a stream for one reader (<see cref="RtviSession.ReadAudioAsync"/>). Nothing is kept
/// until the stream is first asked for; from then on frames queue, bounded by <see cref="RtviLimits.MaxAudioInputBytes"/>
/// and <see cref="RtviLimits.MaxAudioInputFrames"/>. A reader slower than the client loses the oldest frames (counted,
/// logged once per overflow): writing never waits, so the dispatcher and the control messages behind the audio never do.
/// The queue always keeps the newest frame, however large. The stream ends, after what is queued, when the session ends.
/// </summary>
internal sealed class AudioInput
{
    private readonly Channel<RtviAudioFrame> _frames = Channel.CreateUnbounded<RtviAudioFrame>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Lock _lock = new();
    private readonly long _maxBytes;
    private readonly int _maxFrames;
    private readonly ILogger _logger;
    private readonly string _sessionId;
    private long _bytes;
    private int _count;
    private long _dropped;
    private bool _open;
    private bool _overflowing;
    private int _reading;

    public AudioInput(RtviLimits limits, ILogger logger, string sessionId, CancellationToken ended)
    {
        _maxBytes = limits.MaxAudioInputBytes;
        _maxFrames = limits.MaxAudioInputFrames;
        _logger = logger;
        _sessionId = sessionId;
        ended.Register(static input => ((AudioInput)input!)._frames.Writer.TryComplete(), this);
    }

    /// <summary>Frames dropped because the reader fell behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Bytes of audio queued for the reader.</summary>
    public long QueuedBytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Starts keeping frames (if not yet) and returns the stream; one enumeration at a time.</summary>
    public IAsyncEnumerable<RtviAudioFrame> Open(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _open = true;
        }
        return ReadAllAsync(cancellationToken);
    }

    /// <summary>Queues a frame for the reader, dropping the oldest beyond the limits; a no-op until the stream is opened.</summary>
    public void Write(RtviAudioFrame frame)
    {
        var dropped = 0;
        var overflowBegins = false;
        lock (_lock)
        {
            if (!_open || !_frames.Writer.TryWrite(frame))
            {
                return;
            }
            _bytes += frame.Pcm.Length;
            _count++;
            while (_count > 1 && (_bytes > _maxBytes || _count > _maxFrames) && _frames.Reader.TryRead(out var oldest))
            {
                Take(oldest);
                dropped++;
            }
            if (dropped > 0 && !_overflowing)
            {
                _overflowing = overflowBegins = true;
            }
        }
        if (dropped > 0)
        {
            Interlocked.Add(ref _dropped, dropped);
            RtviTelemetry.AudioFramesDropped(dropped);
            if (overflowBegins)
            {
                Log.AudioInputOverflow(_logger, _sessionId, _maxBytes, _maxFrames);
            }
        }
    }

    private async IAsyncEnumerable<RtviAudioFrame> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _reading, 1) != 0)
        {
            throw new InvalidOperationException("The session's audio is already being read.");
        }
        try
        {
            var reader = _frames.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (TryRead(out var frame))
                {
                    yield return frame;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    private bool TryRead(out RtviAudioFrame frame)
    {
        lock (_lock)
        {
            if (!_frames.Reader.TryRead(out frame!))
            {
                _overflowing = false;
                return false;
            }
            Take(frame);
            return true;
        }
    }

    private void Take(RtviAudioFrame frame)
    {
        _bytes -= frame.Pcm.Length;
        _count--;
    }
}
