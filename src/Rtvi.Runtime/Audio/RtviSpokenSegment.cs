namespace Rtvi;

/// <summary>
/// A piece of bot text that a TTS speaks, for <see cref="RtviBotAudio.WriteAsync(ReadOnlyMemory{byte}, int, int, RtviSpokenSegment, int, CancellationToken)"/>:
/// each chunk of its audio says how much of <see cref="Text"/> it has spoken once played, and 2.x clients get
/// <c>bot-output</c> with <c>spoken_status</c> and <c>spoken_progress</c> as that audio plays. Use the
/// <see cref="SegmentId"/> and <see cref="AggregatedBy"/> of the <c>bot-output</c> that announced the text, so that the
/// client can match the progress to it.
/// </summary>
public sealed class RtviSpokenSegment
{
    /// <summary>Describes a segment.</summary>
    /// <param name="segmentId">The <c>segment_id</c> of the text's <c>bot-output</c>.</param>
    /// <param name="text">The whole text of the segment.</param>
    /// <param name="aggregatedBy">Its <c>aggregated_by</c> (default <c>"sentence"</c>).</param>
    public RtviSpokenSegment(int segmentId, string text, string aggregatedBy = "sentence")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(aggregatedBy);
        SegmentId = segmentId;
        Text = text;
        AggregatedBy = aggregatedBy;
    }

    /// <summary>The <c>segment_id</c>.</summary>
    public int SegmentId { get; }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>The <c>aggregated_by</c>.</summary>
    public string AggregatedBy { get; }

    /// <summary>How many characters of <see cref="Text"/> the audio written so far speaks.</summary>
    public int WrittenLength { get; private set; }

    /// <summary>Checks and records that the next chunk of audio speaks the first <paramref name="spokenLength"/> characters.</summary>
    internal void Advance(int spokenLength)
    {
        if (spokenLength < WrittenLength || spokenLength > Text.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(spokenLength), spokenLength, $"The spoken length must be between the length already written ({WrittenLength}) and the text's length ({Text.Length}).");
        }
        WrittenLength = spokenLength;
    }
}
