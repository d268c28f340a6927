using Rtvi.Audio;
using Rtvi.Protocol;

namespace Rtvi;

/// <summary>
/// A session's bot audio output (<see cref="RtviSession.BotAudio"/>): takes 16-bit PCM of any chunk size and sends it to
/// the client paced at real time, so that the client never holds more than <see cref="RtviBotAudioOptions.Lead"/> ahead
/// of playback. It derives <c>bot-started-speaking</c> / <c>bot-stopped-speaking</c> from the audio, reports spoken
/// progress of text segments to 2.x clients, holds the <c>bot-output</c> of spoken segments until the bot starts
/// speaking, and is flushed by every interruption. See docs/audio.md.
/// </summary>
/// <remarks>
/// <para>
/// A write returns once its last frame is handed to the session's output, which is at most the lead before that audio
/// plays: the writer is back-pressured at real time and nothing is buffered here beyond one frame. Writes run one at a
/// time, in call order. Write from a task of its own, not from a hook the dispatcher runs inline (<c>OnAudio</c>,
/// <c>OnClientReady</c>, option handlers): the dispatcher would wait at real time too, and could not process the
/// request that interrupts the bot.
/// </para>
/// <para>
/// An interruption (<see cref="RtviSession.InterruptAsync"/> and everything that interrupts) discards the audio not yet
/// sent (queued frames included), resets the playout clock, sends <c>bot-stopped-speaking</c> at once if the bot was
/// speaking, and ends the writes in progress: they return <c>false</c> without sending the rest of their audio. A write
/// whose token was cancelled before it began throws <see cref="OperationCanceledException"/> (pass the token of the
/// turn, e.g. one linked to <see cref="RtviSession.InterruptionToken"/>, so that a cancelled turn's TTS cannot go on).
/// </para>
/// <para>Audio travels only on transports that carry it (the protobuf WebSocket framing); elsewhere writes do nothing.</para>
/// </remarks>
public sealed class RtviBotAudio
{
    private const int MaxPendingProgress = 256;

    private readonly RtviSession _session;
    private readonly RtviBotAudioOptions _options;
    private readonly PlayoutClock _clock;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly SemaphoreSlim _state = new(1, 1);
    private readonly List<ProgressMark> _progress = [];
    private readonly BotOutputHold _held = new();
    private readonly byte[] _carry = new byte[2 * MaxChannels];
    private CancellationTokenSource _flush = new();
    private ITimer? _timer;
    private bool _speaking;
    private volatile bool _closed;
    private int _carryLength;
    private (int SampleRate, int NumChannels, long Epoch) _carryOf;

    /// <summary>The most channels a write may have.</summary>
    public const int MaxChannels = 8;

    /// <summary>The highest sample rate a write may have.</summary>
    public const int MaxSampleRate = 384_000;

    internal RtviBotAudio(RtviSession session, RtviBotAudioOptions options, TimeProvider time)
    {
        _session = session;
        _options = options;
        _clock = new PlayoutClock(time);
    }

    /// <summary>Whether the bot is speaking: from the first audio after silence until its playback ended (plus the gap) or an interruption.</summary>
    public bool IsSpeaking => Volatile.Read(ref _speaking);

    /// <summary>Sends <paramref name="pcm"/> (16-bit little-endian, interleaved), paced at real time.</summary>
    /// <returns><c>true</c> once all of it is sent (or the transport carries no audio); <c>false</c> when an interruption or the session's end discarded some of it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The sample rate or channel count is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the write began.</exception>
    public ValueTask<bool> WriteAsync(ReadOnlyMemory<byte> pcm, int sampleRate, int numChannels, CancellationToken cancellationToken = default) =>
        WriteCoreAsync(pcm, sampleRate, numChannels, null, 0, cancellationToken);

    /// <summary>
    /// Sends audio of <paramref name="segment"/>: once this chunk has played, the first <paramref name="spokenLength"/>
    /// characters of the segment's text are spoken, and 2.x clients get <c>bot-output</c> with that progress.
    /// </summary>
    /// <returns>As <see cref="WriteAsync(ReadOnlyMemory{byte}, int, int, CancellationToken)"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The sample rate or channel count is out of range, or <paramref name="spokenLength"/> is below what earlier chunks
    /// of the segment spoke or beyond its text.
    /// </exception>
    public ValueTask<bool> WriteAsync(
        ReadOnlyMemory<byte> pcm, int sampleRate, int numChannels, RtviSpokenSegment segment, int spokenLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return WriteCoreAsync(pcm, sampleRate, numChannels, segment, spokenLength, cancellationToken);
    }

    /// <summary>
    /// Sends the <c>bot-output</c> that announces <paramref name="segment"/>, a text about to be spoken, the way the
    /// reference does: held until the bot starts speaking, then sent right after <c>bot-started-speaking</c> (before the
    /// first audio), in call order; at once while the bot is speaking. An interruption discards the outputs still held
    /// (their turn's output is dropped). Audio that does not come within <see cref="RtviBotAudioOptions.OutputHoldTimeout"/>
    /// of the call does not hold the output any longer: it is sent then. At most 256 outputs and 64 Ki characters of text
    /// are held; beyond that the oldest is sent at once. With <see cref="RtviBotAudioOptions.SendsSpeakingEvents"/> off,
    /// the held outputs go just before the first audio after silence.
    /// </summary>
    /// <remarks>
    /// Sent at once, as <see cref="RtviEvents.BotOutputAsync"/> sends it, when nothing would hold it: on transports
    /// without audio, with a zero <see cref="RtviBotAudioOptions.OutputHoldTimeout"/>, and to clients that get no
    /// <c>bot-output</c> for it (0.3 and 1.0 clients get <c>bot-transcription</c> at once, as the reference sends it
    /// from the LLM text; 2.x clients get no word or token aggregates).
    /// </remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the output was sent or held.</exception>
    public async ValueTask SendBotOutputAsync(RtviSpokenSegment segment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        // The epoch is read before the token is checked, as for writes: output of an interrupted turn is never held.
        var epoch = _session.TurnEpoch;
        cancellationToken.ThrowIfCancellationRequested();
        if (_options.OutputHoldTimeout <= TimeSpan.Zero || !_session.SupportsAudio || !_session.Events.SendsBotOutput(segment.AggregatedBy))
        {
            await _session.Events.BotOutputAsync(segment.Text, segment.AggregatedBy, true, segment.SegmentId, cancellationToken).ConfigureAwait(false);
            return;
        }
        await _state.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed || _session.TurnEpoch != epoch)
            {
                return;
            }
            if (_speaking)
            {
                // Nothing is held while speaking, unless the flush at the start of speech failed: those go first.
                await SendHeldAsync(long.MaxValue).ConfigureAwait(false);
                await SendOutputAsync(segment, epoch).ConfigureAwait(false);
                return;
            }
            _held.Add(new HeldBotOutput(segment, epoch, _clock.Time.GetTimestamp() + _clock.Ticks(_options.OutputHoldTimeout)));
            await SendHeldAsync(long.MinValue).ConfigureAwait(false);
            Arm();
        }
        finally
        {
            _state.Release();
        }
    }

    /// <summary>Sends the held outputs due by <paramref name="dueBy"/> (and those beyond the bounds), oldest first. Under the state lock.</summary>
    private async ValueTask SendHeldAsync(long dueBy)
    {
        while (_held.TryTake(dueBy, out var output))
        {
            await SendOutputAsync(output.Segment, output.Epoch).ConfigureAwait(false);
        }
    }

    private ValueTask SendOutputAsync(RtviSpokenSegment segment, long epoch) =>
        _session.SendTurnOutputAsync(ServerMessageWriter.BotOutput(segment.Text, segment.AggregatedBy, true, segment.SegmentId), epoch, CancellationToken.None);

    private async ValueTask<bool> WriteCoreAsync(
        ReadOnlyMemory<byte> pcm, int sampleRate, int numChannels, RtviSpokenSegment? segment, int spokenLength, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, MaxSampleRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(numChannels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numChannels, MaxChannels);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_session.SupportsAudio)
        {
            return true;
        }
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The epoch is read before the token is checked: an interruption cancels turn tokens before it moves the
            // epoch, so a write either sees its token cancelled or carries an epoch that the interruption drops.
            var epoch = _session.TurnEpoch;
            cancellationToken.ThrowIfCancellationRequested();
            segment?.Advance(spokenLength);
            var flush = Volatile.Read(ref _flush).Token;
            if (_closed)
            {
                return false;
            }
            return await SendFramesAsync(pcm, sampleRate, numChannels, epoch, segment, spokenLength, flush).ConfigureAwait(false);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Cuts the carried partial sample and <paramref name="pcm"/> into frames and sends each when it is due.</summary>
    private async ValueTask<bool> SendFramesAsync(
        ReadOnlyMemory<byte> pcm, int sampleRate, int numChannels, long epoch, RtviSpokenSegment? segment, int spokenLength, CancellationToken flush)
    {
        var blockAlign = 2 * numChannels;
        if (_carryOf != (sampleRate, numChannels, epoch))
        {
            // A partial sample of another format or of an interrupted turn cannot start this audio.
            _carryLength = 0;
            _carryOf = (sampleRate, numChannels, epoch);
        }
        var total = _carryLength + pcm.Length;
        var whole = total - total % blockAlign;
        var frameBytes = (int)Math.Max(blockAlign, Math.Min(int.MaxValue, (long)(_options.FrameDuration.TotalSeconds * sampleRate) * blockAlign));
        var lead = _clock.Ticks(_options.Lead);
        for (var offset = 0; offset < whole; offset += frameBytes)
        {
            var length = Math.Min(frameBytes, whole - offset);
            var duration = _clock.Duration(length / blockAlign, sampleRate);
            var last = offset + length == whole;
            try
            {
                if (_clock.WaitBefore(duration, lead) is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, _clock.Time, flush).ConfigureAwait(false);
                }
                if (!await SendFrameAsync(Frame(pcm.Span, offset, length), sampleRate, numChannels, duration, epoch, last ? segment : null, spokenLength, flush).ConfigureAwait(false))
                {
                    _carryLength = 0;
                    return false;
                }
            }
            catch (OperationCanceledException) when (flush.IsCancellationRequested)
            {
                _carryLength = 0;
                return false;
            }
        }
        KeepCarry(pcm.Span, whole, total - whole);
        if (whole == 0 && segment is not null)
        {
            await MarkWithoutAudioAsync(segment, spokenLength, epoch, flush).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>The bytes [offset, offset + length) of the carried bytes followed by <paramref name="pcm"/>, in a pooled message.</summary>
    private OutboundMessage Frame(ReadOnlySpan<byte> pcm, int offset, int length)
    {
        if (offset >= _carryLength)
        {
            return OutboundMessage.Rent(pcm.Slice(offset - _carryLength, length));
        }
        Span<byte> frame = length <= 4096 ? stackalloc byte[length] : new byte[length];
        CopyRange(pcm, offset, length, frame);
        return OutboundMessage.Rent(frame);
    }

    /// <summary>Keeps the bytes of an incomplete sample (at <paramref name="offset"/>, <paramref name="length"/> bytes) for the next write.</summary>
    private void KeepCarry(ReadOnlySpan<byte> pcm, int offset, int length)
    {
        Span<byte> tail = stackalloc byte[_carry.Length];
        CopyRange(pcm, offset, length, tail);
        tail[..length].CopyTo(_carry);
        _carryLength = length;
    }

    private void CopyRange(ReadOnlySpan<byte> pcm, int offset, int length, Span<byte> destination)
    {
        var fromCarry = Math.Clamp(_carryLength - offset, 0, length);
        _carry.AsSpan(Math.Min(offset, _carryLength), fromCarry).CopyTo(destination);
        pcm.Slice(Math.Max(0, offset - _carryLength), length - fromCarry).CopyTo(destination[fromCarry..]);
    }

    /// <summary>Sends one frame (after <c>bot-started-speaking</c> when the bot was silent); false when an interruption came first.</summary>
    private async ValueTask<bool> SendFrameAsync(
        OutboundMessage frame, int sampleRate, int numChannels, long duration, long epoch, RtviSpokenSegment? segment, int spokenLength, CancellationToken flush)
    {
        await _state.WaitAsync(flush).ConfigureAwait(false);
        try
        {
            if (_session.TurnEpoch != epoch || _closed)
            {
                frame.Return();
                return false;
            }
            if (!_speaking)
            {
                Volatile.Write(ref _speaking, true);
                if (_options.SendsSpeakingEvents)
                {
                    await _session.Events.BotStartedSpeakingAsync(CancellationToken.None).ConfigureAwait(false);
                }
                await SendHeldAsync(long.MaxValue).ConfigureAwait(false);
            }
            await _session.SendAudioFrameAsync(frame, sampleRate, numChannels, epoch, flush).ConfigureAwait(false);
            var end = _clock.Advance(duration);
            if (segment is not null)
            {
                AddProgress(new ProgressMark(end, segment, spokenLength, epoch));
            }
            Arm();
            return true;
        }
        finally
        {
            _state.Release();
        }
    }

    /// <summary>Progress of a segment written without audio is due when the audio before it has played.</summary>
    private async ValueTask MarkWithoutAudioAsync(RtviSpokenSegment segment, int spokenLength, long epoch, CancellationToken flush)
    {
        await _state.WaitAsync(flush).ConfigureAwait(false);
        try
        {
            if (_session.TurnEpoch == epoch && !_closed)
            {
                AddProgress(new ProgressMark(Math.Max(_clock.End, _clock.Time.GetTimestamp()), segment, spokenLength, epoch));
                Arm();
            }
        }
        finally
        {
            _state.Release();
        }
    }

    /// <summary>Adds progress, in due order (the clock only moves on between interruptions). Under the state lock.</summary>
    private void AddProgress(ProgressMark mark)
    {
        if (_progress.Count == MaxPendingProgress)
        {
            // Bounded: the oldest update is skipped; the later ones still come.
            _progress.RemoveAt(0);
        }
        _progress.Add(mark);
    }

    /// <summary>Sets the timer to the next due progress, held output or the end of speech (plus the gap). Under the state lock.</summary>
    private void Arm()
    {
        if (_closed)
        {
            return;
        }
        var due = _held.NextDue;
        if (_progress.Count > 0)
        {
            due = Math.Min(due, _progress[0].Due);
        }
        if (_speaking)
        {
            due = Math.Min(due, _clock.End + _clock.Ticks(_options.StoppedSpeakingDelay));
        }
        if (due == long.MaxValue)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var time = _clock.Time;
        var wait = TimeSpan.FromSeconds(Math.Max(0, (double)(due - time.GetTimestamp()) / time.TimestampFrequency));
        _timer ??= CreateTimer(time);
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The timer of the speaking events and progress; it does not carry the first writer's async-local state.</summary>
    private ITimer CreateTimer(TimeProvider time)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return time.CreateTimer(static s => _ = ((RtviBotAudio)s!).OnTimerAsync(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Sends the held outputs whose audio did not come in time, reports the progress that has played and, once playback
    /// ended plus the gap, sends <c>bot-stopped-speaking</c>.
    /// </summary>
    private async Task OnTimerAsync()
    {
        await _state.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return;
            }
            var now = _clock.Time.GetTimestamp();
            // Outputs whose audio did not come in time are not held any longer.
            await SendHeldAsync(now).ConfigureAwait(false);
            var due = 0;
            while (due < _progress.Count && _progress[due].Due <= now)
            {
                var mark = _progress[due++];
                if (_session.Generation == RtviClientGeneration.V2)
                {
                    await _session.SendTurnOutputAsync(ServerMessageWriter.BotOutputProgress(mark.Segment, mark.SpokenLength), mark.Epoch, CancellationToken.None).ConfigureAwait(false);
                }
            }
            _progress.RemoveRange(0, due);
            if (_speaking && now >= _clock.End + _clock.Ticks(_options.StoppedSpeakingDelay))
            {
                await StopSpeakingAsync().ConfigureAwait(false);
            }
            Arm();
        }
        catch (Exception exception)
        {
            _session.OnBackgroundFailure(exception, "bot audio");
        }
        finally
        {
            _state.Release();
        }
    }

    private async ValueTask StopSpeakingAsync()
    {
        Volatile.Write(ref _speaking, false);
        if (_options.SendsSpeakingEvents)
        {
            await _session.Events.BotStoppedSpeakingAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The bot was interrupted (the session has already moved the outbox to a new turn epoch): writes in progress end,
    /// the playout clock resets, pending progress and held outputs are forgotten and, if the bot was speaking, <c>bot-stopped-speaking</c>
    /// is sent now.
    /// </summary>
    internal async ValueTask OnInterruptedAsync()
    {
        var flush = Interlocked.Exchange(ref _flush, new CancellationTokenSource());
        await flush.CancelAsync().ConfigureAwait(false);
        await _state.WaitAsync().ConfigureAwait(false);
        try
        {
            _clock.Reset();
            _progress.Clear();
            _held.Clear();
            if (_speaking)
            {
                await StopSpeakingAsync().ConfigureAwait(false);
            }
            Arm();
        }
        finally
        {
            _state.Release();
        }
    }

    /// <summary>The session ended: writes end, the timer stops.</summary>
    internal void Close()
    {
        _closed = true;
        try
        {
            Volatile.Read(ref _flush).Cancel();
        }
        catch (AggregateException)
        {
            // A callback registered by app code threw; the cancellation itself happened.
        }
        _timer?.Dispose();
    }

    /// <summary>Progress of a segment, due when the audio it ends with has played.</summary>
    private readonly record struct ProgressMark(long Due, RtviSpokenSegment Segment, int SpokenLength, long Epoch);
}
