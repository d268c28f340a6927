using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rtvi.Quickstart.Conversation;

/// <summary>
/// Runs one conversation turn for a <c>send-text</c>: <c>user-llm-text</c>, then the chat client's streamed answer as
/// <c>bot-llm-started</c>, <c>bot-llm-text</c> per chunk, <c>bot-output</c> per sentence (<c>bot-transcription</c> for
/// 0.3 clients), <c>bot-llm-stopped</c> and <c>metrics</c>. Client functions the model calls run in the browser.
/// </summary>
public sealed partial class TurnRunner(IChatClient chatClient, ILogger<TurnRunner> logger)
{
    /// <summary>The fixed text sent to the client when the model fails (details go to the log).</summary>
    public const string ModelFailedText = "The language model could not answer.";

    /// <summary>Adds the user's text to the conversation and, when asked to run immediately, answers it.</summary>
    public async ValueTask RunAsync(RtviSession session, RtviSendText request, CancellationToken cancellationToken)
    {
        var state = session.Services.GetRequiredService<ConversationState>();
        state.Append([new ChatMessage(ChatRole.User, request.Content)]);
        await session.Events.UserLlmTextAsync(request.Content, cancellationToken);
        if (request.RunImmediately)
        {
            await AnswerAsync(session, state, cancellationToken);
        }
    }

    private async ValueTask AnswerAsync(RtviSession session, ConversationState state, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            ModelId = state.Model.Length > 0 ? state.Model : null,
            Temperature = (float)state.Temperature,
            Tools = ClientFunctions.For(session),
        };
        var updates = new List<ChatResponseUpdate>();
        var sentences = new SentenceSplitter();
        var started = Stopwatch.GetTimestamp();
        TimeSpan? firstToken = null;
        UsageDetails? usage = null;
        await session.Events.BotLlmStartedAsync(cancellationToken);
        try
        {
            await foreach (var update in chatClient.GetStreamingResponseAsync(state.BuildRequest(), options, cancellationToken))
            {
                updates.Add(update);
                foreach (var content in update.Contents)
                {
                    if (content is UsageContent u)
                    {
                        usage = u.Details;
                    }
                }
                var text = update.Text;
                if (text.Length == 0)
                {
                    continue;
                }
                if (firstToken is null)
                {
                    firstToken = Stopwatch.GetElapsedTime(started);
                    await session.Events.MetricsAsync(new RtviMetrics { Ttfb = [new RtviMetric("llm", firstToken.Value.TotalSeconds, state.Model)] }, cancellationToken);
                }
                await session.Events.BotLlmTextAsync(text, cancellationToken);
                foreach (var sentence in sentences.Push(text))
                {
                    await session.Events.BotOutputAsync(sentence, cancellationToken: cancellationToken);
                }
            }
            if (sentences.Flush() is { } last)
            {
                await session.Events.BotOutputAsync(last, cancellationToken: cancellationToken);
            }
            state.Append(updates.ToChatResponse().Messages);
            await session.Events.MetricsAsync(new RtviMetrics
            {
                Processing = [new RtviMetric("llm", Stopwatch.GetElapsedTime(started).TotalSeconds, state.Model)],
                Tokens = usage is null ? null : [new RtviTokenUsage("llm", usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0, state.Model)],
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted (a newer send-text) or the session ended: the partial answer is dropped from the history.
        }
        catch (Exception exception)
        {
            LogModelFailed(logger, exception, session.Id);
            await session.SendErrorAsync(ModelFailedText, cancellationToken: session.Ended);
        }
        finally
        {
            await session.Events.BotLlmStoppedAsync(session.Ended);
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Session {SessionId}: the chat client failed")]
    private static partial void LogModelFailed(ILogger logger, Exception exception, string sessionId);
}
