using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.AI;

namespace Rtvi.Extensions.AI;

/// <summary>
/// One run of the model on a conversation's history, and every event it owes the client, in this order:
/// <c>user-llm-text</c> (when the history ends with a user message), <c>bot-llm-started</c>, <c>metrics</c> (ttfb) at
/// the first text, <c>bot-llm-text</c> per chunk with <c>bot-output</c> (or <c>bot-transcription</c>) per completed
/// aggregate (in a spoken turn with a TTS, <c>bot-output</c> waits for the bot to start speaking), the function-call lifecycle of the bot's own functions, the last aggregate, <c>metrics</c> (processing,
/// tokens), <c>bot-llm-stopped</c>. Interrupted: the text already sent is kept in the history, marked interrupted, and
/// <c>bot-llm-stopped</c> follows at once. A failing model: the <c>error</c> event, then <c>bot-llm-stopped</c>.
/// </summary>
internal sealed class ConversationTurn
{
    private readonly RtviConversation _conversation;
    private readonly bool _spoken;
    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ConversationTurn(RtviConversation conversation, RtviSession session, bool spoken)
    {
        _conversation = conversation;
        Session = session;
        _spoken = spoken;
    }

    public RtviSession Session { get; }

    public RtviFunctionCallReportLevel ReportLevelFor(string functionName) => _conversation.ReportLevelFor(functionName);

    /// <summary>Sends <c>llm-function-call-started</c> once per call of a function the bot runs itself.</summary>
    public ValueTask AnnounceAsync(string functionName, string toolCallId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_announced.Add(toolCallId))
            {
                return default;
            }
        }
        return Session.Events.FunctionCallStartedAsync(functionName, ReportLevelFor(functionName), cancellationToken);
    }

    public async Task RunAsync(IChatClient chatClient, CancellationToken cancellationToken)
    {
        var events = Session.Events;
        var request = _conversation.BuildRequest();
        var serverTools = new HashSet<string>(StringComparer.Ordinal);
        var options = _conversation.BuildChatOptions(this, serverTools);
        if (request.Count > 0 && request[^1].Role == ChatRole.User)
        {
            await events.UserLlmTextAsync(request[^1].Text, cancellationToken).ConfigureAwait(false);
        }
        var aggregator = _conversation.Options.Aggregator();
        var processor = _conversation.Options.ProcessorName;
        var updates = new List<ChatResponseUpdate>();
        var sent = new StringBuilder();
        var started = Stopwatch.GetTimestamp();
        var firstText = true;
        UsageDetails? usage = null;
        await events.BotLlmStartedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var update in chatClient.GetStreamingResponseAsync(request, options, cancellationToken).ConfigureAwait(false))
            {
                updates.Add(update);
                foreach (var content in update.Contents)
                {
                    switch (content)
                    {
                        case UsageContent u:
                            (usage ??= new UsageDetails()).Add(u.Details);
                            break;
                        case FunctionCallContent call when serverTools.Contains(call.Name) && !string.IsNullOrEmpty(call.CallId):
                            await AnnounceAsync(call.Name, call.CallId, cancellationToken).ConfigureAwait(false);
                            break;
                    }
                }
                var text = update.Role == ChatRole.Tool ? "" : update.Text;
                if (text.Length == 0)
                {
                    continue;
                }
                if (firstText)
                {
                    firstText = false;
                    var ttfb = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    await events.MetricsAsync(new RtviMetrics { Ttfb = [new RtviMetric(processor, ttfb, ModelOf(update))] }, cancellationToken).ConfigureAwait(false);
                }
                await events.BotLlmTextAsync(text, cancellationToken).ConfigureAwait(false);
                sent.Append(text);
                foreach (var aggregate in aggregator.Push(text))
                {
                    await OutputAsync(aggregate, aggregator.AggregatedBy, cancellationToken).ConfigureAwait(false);
                }
            }
            if (aggregator.Flush() is { } last)
            {
                await OutputAsync(last, aggregator.AggregatedBy, cancellationToken).ConfigureAwait(false);
            }
            var response = updates.ToChatResponse();
            _conversation.Commit(response.Messages);
            var model = response.ModelId ?? _conversation.Model;
            await events.MetricsAsync(new RtviMetrics
            {
                Processing = [new RtviMetric(processor, Stopwatch.GetElapsedTime(started).TotalSeconds, model)],
                Tokens = usage is null ? null : [Tokens(processor, usage, model)],
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (sent.Length > 0)
            {
                _conversation.Commit([RtviConversation.Interrupted(sent.ToString())]);
            }
        }
        catch (Exception exception)
        {
            _conversation.OnModelFailed(Session, exception);
            await Session.SendErrorAsync(RtviConversation.ModelFailedText, cancellationToken: Session.Ended).ConfigureAwait(false);
        }
        finally
        {
            await events.BotLlmStoppedAsync(Session.Ended).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends an aggregate's <c>bot-output</c> and, in a spoken turn with a TTS, hands it to the TTS: its <c>bot-output</c>
    /// is then held until the bot starts speaking (<see cref="RtviBotAudio.SendBotOutputAsync"/>), as the reference does.
    /// </summary>
    private async ValueTask OutputAsync(string text, string aggregatedBy, CancellationToken cancellationToken)
    {
        var segmentId = _conversation.NextSegmentId();
        if (_spoken && _conversation.Options.Speak is { } speak)
        {
            var segment = new RtviSpokenSegment(segmentId, text, aggregatedBy);
            await Session.BotAudio.SendBotOutputAsync(segment, cancellationToken).ConfigureAwait(false);
            await speak(Session, segment, cancellationToken).ConfigureAwait(false);
            return;
        }
        await Session.Events.BotOutputAsync(text, aggregatedBy, _spoken, segmentId, cancellationToken).ConfigureAwait(false);
    }

    private string? ModelOf(ChatResponseUpdate update) => update.ModelId ?? _conversation.Model;

    private static RtviTokenUsage Tokens(string processor, UsageDetails usage, string? model) =>
        new(processor, usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0, model)
        {
            CacheReadInputTokens = usage.CachedInputTokenCount,
            ReasoningTokens = usage.ReasoningTokenCount,
        };
}
