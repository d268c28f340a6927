namespace RtviBot.Bot;

/// <summary>The argument of <c>assistant:greet</c>.</summary>
public sealed record GreetRequest(string Name);

/// <summary>The result of <c>assistant:greet</c>.</summary>
public sealed record Greeting(string Text, string Voice);

/// <summary>The data of an <c>echo</c> client message.</summary>
public sealed record EchoMessage(string Text);

/// <summary>The answer to an <c>echo</c> client message.</summary>
public sealed record EchoReply(string Text);
