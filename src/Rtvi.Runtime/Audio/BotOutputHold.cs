namespace Rtvi.Audio;

/// <summary>
/// The <c>bot-output</c> of spoken segments that waits for the bot to start speaking
/// (<see cref="RtviBotAudio.SendBotOutputAsync"/>), oldest first, bounded in count and in text. Not thread-safe: the bot
/// audio uses it under its state lock.
/// </summary>
internal sealed class BotOutputHold
{
    /// <summary>The most outputs held at once; beyond it the oldest is sent without waiting.</summary>
    public const int MaxCount = 256;

    /// <summary>The most characters of text held at once (128 KiB as UTF-16); beyond it the oldest is sent without waiting.</summary>
    public const int MaxTextLength = 64 * 1024;

    private readonly Queue<HeldBotOutput> _held = new();
    private int _textLength;

    /// <summary>How many outputs are held.</summary>
    public int Count => _held.Count;

    /// <summary>When the oldest output is due to be sent even without speech (<see cref="long.MaxValue"/> when none is held).</summary>
    public long NextDue => _held.TryPeek(out var first) ? first.Due : long.MaxValue;

    /// <summary>Holds an output, after those held before it.</summary>
    public void Add(HeldBotOutput output)
    {
        _held.Enqueue(output);
        _textLength += output.Segment.Text.Length;
    }

    /// <summary>
    /// Takes the oldest output when it is due by <paramref name="dueBy"/> or the hold is beyond its bounds (a single
    /// output longer than <see cref="MaxTextLength"/> goes at once). <see cref="long.MaxValue"/> takes everything.
    /// </summary>
    public bool TryTake(long dueBy, out HeldBotOutput output)
    {
        if (_held.TryPeek(out output) && (output.Due <= dueBy || _held.Count > MaxCount || _textLength > MaxTextLength))
        {
            _held.Dequeue();
            _textLength -= output.Segment.Text.Length;
            return true;
        }
        return false;
    }

    /// <summary>Forgets every output held (an interruption).</summary>
    public void Clear()
    {
        _held.Clear();
        _textLength = 0;
    }
}

/// <summary>A held <c>bot-output</c>: its segment, the turn epoch it belongs to, and when it is sent even without speech.</summary>
internal readonly record struct HeldBotOutput(RtviSpokenSegment Segment, long Epoch, long Due);
