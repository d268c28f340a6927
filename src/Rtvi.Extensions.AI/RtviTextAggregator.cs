namespace Rtvi.Extensions.AI;

/// <summary>
/// Cuts a streamed LLM answer into the aggregates a conversation reports as <c>bot-output</c> (sentences by default).
/// One instance serves one turn: <see cref="Push"/> per streamed chunk, <see cref="Flush"/> at the end.
/// </summary>
public abstract class RtviTextAggregator
{
    /// <summary>The <c>aggregated_by</c> of the aggregates ("sentence", "word", "token" or a custom name).</summary>
    public abstract string AggregatedBy { get; }

    /// <summary>Adds a streamed chunk; returns the aggregates it completed, in order.</summary>
    public abstract IReadOnlyList<string> Push(string chunk);

    /// <summary>Returns what is left as a last aggregate (or null when nothing is) and starts over.</summary>
    public abstract string? Flush();
}
