namespace Rtvi;

/// <summary>One entry of a <c>metrics</c> event list: which processor, optionally which model, and the value.</summary>
public sealed record RtviMetric(string Processor, double Value, string? Model = null);

/// <summary>Token usage for a <c>metrics</c> event.</summary>
public sealed record RtviTokenUsage(string Processor, long PromptTokens, long CompletionTokens, string? Model = null)
{
    /// <summary>Prompt plus completion tokens.</summary>
    public long TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>Prompt tokens read from the provider's cache (<c>cache_read_input_tokens</c>), when it reports them.</summary>
    public long? CacheReadInputTokens { get; init; }

    /// <summary>Tokens spent on reasoning (<c>reasoning_tokens</c>), when the provider reports them.</summary>
    public long? ReasoningTokens { get; init; }
}

/// <summary>A <c>metrics</c> event: any of time to first byte, processing time, token usage and characters.</summary>
public sealed record RtviMetrics
{
    /// <summary>Time to first byte, seconds.</summary>
    public IReadOnlyList<RtviMetric>? Ttfb { get; init; }
    /// <summary>Processing time, seconds.</summary>
    public IReadOnlyList<RtviMetric>? Processing { get; init; }
    /// <summary>Token usage.</summary>
    public IReadOnlyList<RtviTokenUsage>? Tokens { get; init; }
    /// <summary>Characters synthesized.</summary>
    public IReadOnlyList<RtviMetric>? Characters { get; init; }
}
