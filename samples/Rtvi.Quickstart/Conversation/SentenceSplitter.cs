using System.Text;

namespace Rtvi.Quickstart.Conversation;

/// <summary>Cuts streamed text into sentences: a sentence ends at '.', '!' or '?' followed by white space, or at a line break.</summary>
public sealed class SentenceSplitter
{
    private readonly StringBuilder _pending = new();

    /// <summary>Adds a chunk; returns the sentences it completed.</summary>
    public IReadOnlyList<string> Push(string chunk)
    {
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

    /// <summary>Returns what is left as a last sentence (or null) and starts over.</summary>
    public string? Flush()
    {
        var rest = _pending.ToString().Trim();
        _pending.Clear();
        return rest.Length > 0 ? rest : null;
    }
}
