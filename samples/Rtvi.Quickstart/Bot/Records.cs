namespace Rtvi.Quickstart.Bot;

/// <summary>Something the bot should remember; it is added to the system prompt.</summary>
public sealed record Fact(string Subject, string Detail);

/// <summary>The LLM service's current settings (the <c>llm:settings</c> action's result).</summary>
public sealed record LlmSettings(string Model, double Temperature, string SystemPrompt, IReadOnlyList<Fact> Facts, int Turns);

/// <summary>The data of a <c>feedback</c> client-message.</summary>
public sealed record Feedback(int Rating, string? Comment = null);

/// <summary>The answer to a <c>feedback</c> client-message.</summary>
public sealed record FeedbackReceipt(int Count, double AverageRating);

/// <summary>A <c>server-message</c> payload the page shows.</summary>
public sealed record ServerNotice(string Event, string Text);
