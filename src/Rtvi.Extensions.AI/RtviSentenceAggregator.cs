using System.Text;

namespace Rtvi.Extensions.AI;

/// <summary>Cuts streamed text into sentences: a sentence ends at '.', '!' or '?' followed by white space, or at a line break.</summary>
public sealed class RtviSentenceAggregator : RtviTextAggregator
{
    /// <summary>The <c>aggregated_by</c> of sentences.</summary>
    public const string Sentence = "sentence";

    private readonly StringBuilder _pending = new();

    /// <inheritdoc />
    public override string AggregatedBy => Sentence;

    /// <inheritdoc />
    public override IReadOnlyList<string> Push(string chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        _pending.Append(chunk);
        List<string>? sentences = null;
        var start = 0;
        for (var i = 0; i < _pending.Length - 1; i++)
        {
            var c = _pending[i];
            var ends = c == '\n' || (c is '.' or '!' or '?' && char.IsWhiteSpace(_pending[i + 1]));
            if (!ends)
            {
                continue;
            }
            var sentence = _pending.ToString(start, i + 1 - start).Trim();
            if (sentence.Length > 0)
            {
                (sentences ??= []).Add(sentence);
            }
            start = i + 1;
        }
        _pending.Remove(0, start);
        return sentences ?? (IReadOnlyList<string>)[];
    }

    /// <inheritdoc />
    public override string? Flush()
    {
        var rest = _pending.ToString().Trim();
        _pending.Clear();
        return rest.Length > 0 ? rest : null;
    }
}
