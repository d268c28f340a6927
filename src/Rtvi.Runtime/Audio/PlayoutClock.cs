namespace Rtvi.Audio;

/// <summary>
/// Where the client's playback of the bot audio sent so far will end, in <see cref="TimeProvider"/> timestamps: audio
/// sent while the client is silent starts playing at once, later audio queues behind it. Not thread-safe: one owner.
/// </summary>
internal sealed class PlayoutClock(TimeProvider time)
{
    private long _end;

    public TimeProvider Time => time;

    /// <summary>The timestamp at which everything sent will have played (in the past when the client is silent).</summary>
    public long End => _end;

    /// <summary>The duration of <paramref name="samples"/> samples at <paramref name="sampleRate"/>, in timestamp units.</summary>
    public long Duration(long samples, int sampleRate) => samples * time.TimestampFrequency / sampleRate;

    /// <summary>A <see cref="TimeSpan"/> in timestamp units.</summary>
    public long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    /// <summary>
    /// How long to wait before sending audio of <paramref name="duration"/> so that the client then holds no more than
    /// <paramref name="lead"/> ahead of playback (never waits while the client is silent).
    /// </summary>
    public TimeSpan WaitBefore(long duration, long lead)
    {
        var ahead = _end - time.GetTimestamp();
        var over = ahead + duration - lead;
        return ahead <= 0 || over <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)Math.Min(over, ahead) / time.TimestampFrequency);
    }

    /// <summary>Counts audio of <paramref name="duration"/> as sent now; returns when it will have played.</summary>
    public long Advance(long duration)
    {
        _end = Math.Max(_end, time.GetTimestamp()) + duration;
        return _end;
    }

    /// <summary>The client's playback was cut (an interruption): nothing sent is still to play.</summary>
    public void Reset() => _end = 0;
}
