using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Rtvi.Extensions.AI;

/// <summary>
/// One session's conversation with an <see cref="IChatClient"/>: it owns the chat history and the model settings of the
/// session, answers <c>send-text</c> and <c>append-to-context</c>, and sends every event of a turn itself
/// (<c>user-llm-text</c>, <c>bot-llm-started</c>, <c>bot-llm-text</c>, <c>bot-output</c> or <c>bot-transcription</c>,
/// the function-call lifecycle, <c>metrics</c>, <c>bot-llm-stopped</c>), written for the client's protocol generation.
/// </summary>
/// <remarks>
/// Registered per session (scoped) by <see cref="RtviConversationBuilderExtensions.AddConversation"/>; inject it into
/// handlers (<c>[RtviOption]</c> handlers set <see cref="Model"/>, <see cref="Temperature"/>, <see cref="SystemPrompt"/>).
/// Turns run one at a time. An interruption (a newer <c>send-text</c> run immediately, <c>update-config</c> with
/// interrupt, <see cref="InterruptAsync"/>) cancels the running turn: the text already sent stays in the history as an
/// assistant message marked <see cref="InterruptedProperty"/>, and <c>bot-llm-stopped</c> is sent before the
/// interruption is reported. See docs/conversation.md.
/// </remarks>
public sealed partial class RtviConversation
{
    /// <summary>The fixed text of the <c>error</c> event sent when the model fails (details go to the log).</summary>
    public const string ModelFailedText = "The language model could not answer.";

    /// <summary>The <see cref="ChatMessage.AdditionalProperties"/> key (value <c>true</c>) of an answer cut short by an interruption.</summary>
    public const string InterruptedProperty = "rtvi.interrupted";

    private static readonly TimeSpan s_interruptWait = TimeSpan.FromSeconds(2);

    private readonly IChatClient _chatClient;
    private readonly ILogger _logger;
    private readonly ConversationHistory _history = new();
    private readonly SemaphoreSlim _turns = new(1, 1);
    private readonly List<AITool> _tools;
    private RtviSession? _session;
    private Task _running = Task.CompletedTask;
    private int _segments;

    /// <summary>Creates a session's conversation (<see cref="RtviConversationBuilderExtensions.AddConversation"/> does, per session).</summary>
    /// <param name="chatClient">The model. Function invocation is added when the client has none.</param>
    /// <param name="options">The defaults this session starts with.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    internal RtviConversation(IChatClient chatClient, RtviConversationOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        ArgumentNullException.ThrowIfNull(options);
        _chatClient = chatClient.GetService<FunctionInvokingChatClient>() is null ? new FunctionInvokingChatClient(chatClient, loggerFactory) : chatClient;
        _logger = loggerFactory?.CreateLogger<RtviConversation>() ?? NullLogger<RtviConversation>.Instance;
        Options = options;
        Model = options.Model;
        Temperature = options.Temperature;
        SystemPrompt = options.SystemPrompt;
        MaxHistoryMessages = options.MaxHistoryMessages;
        FunctionCallReportLevels = new Dictionary<string, RtviFunctionCallReportLevel>(options.FunctionCallReportLevels, StringComparer.Ordinal);
        _tools = [.. options.Tools];
    }

    /// <summary>The model id of this session's requests; null leaves the client's default.</summary>
    public string? Model { get; set; }

    /// <summary>The sampling temperature of this session's requests; null leaves the client's default.</summary>
    public double? Temperature { get; set; }

    /// <summary>The system prompt of this session's requests; none when null or empty.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>How many history messages this session keeps (the system prompt not counted); older turns are dropped whole.</summary>
    public int MaxHistoryMessages
    {
        get => _history.MaxMessages;
        set => _history.MaxMessages = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>Report level per function name for this session's own functions; <c>"*"</c> is the default (Full when absent).</summary>
    public IDictionary<string, RtviFunctionCallReportLevel> FunctionCallReportLevels { get; }

    /// <summary>This session's tools: the configured ones, then the session's own; add or remove between turns.</summary>
    public IList<AITool> Tools => _tools;

    /// <summary>The session, once it started.</summary>
    public RtviSession Session => _session ?? throw new InvalidOperationException("The conversation is not attached to a session yet.");

    /// <summary>A snapshot of the history (without the system prompt).</summary>
    public IReadOnlyList<ChatMessage> History => _history.Snapshot();

    internal RtviConversationOptions Options { get; }

    /// <summary>Adds messages to the history without running the model.</summary>
    public void Append(params IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        _history.Append(messages);
    }

    /// <summary>Forgets the history.</summary>
    public void ClearHistory() => _history.Clear();

    /// <summary>
    /// Replaces the history with <paramref name="messages"/>; a leading system message becomes the
    /// <see cref="SystemPrompt"/> instead (the 0.3 <c>set_context</c> action).
    /// </summary>
    public void ReplaceContext(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        if (list.Count > 0 && list[0].Role == ChatRole.System)
        {
            SystemPrompt = list[0].Text;
            list.RemoveAt(0);
        }
        _history.Replace(list);
    }

    /// <summary>
    /// <c>send-text</c>: adds the text as a user message and, when <see cref="RtviSendText.RunImmediately"/>, runs a turn
    /// (spoken unless <see cref="RtviSendText.AudioResponse"/> is false). The runtime has already interrupted the bot.
    /// </summary>
    public Task SendTextAsync(RtviSendText request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _history.Append([new ChatMessage(ChatRole.User, request.Content)]);
        return request.RunImmediately ? RunTurnAsync(request.AudioResponse, cancellationToken) : Task.CompletedTask;
    }

    /// <summary><c>append-to-context</c>: adds a message of the given role and, when asked, runs a turn.</summary>
    public Task AppendToContextAsync(RtviAppendToContext request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _history.Append([new ChatMessage(new ChatRole(request.Role), ContextMessages.ContentText(request.Content))]);
        return request.RunImmediately ? RunTurnAsync(spoken: true, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Runs the model on the history now, cancelled by <paramref name="cancellationToken"/>, the next interruption or the session's end.</summary>
    public Task RunTurnAsync(CancellationToken cancellationToken = default) => RunTurnAsync(spoken: true, cancellationToken);

    /// <summary>Interrupts the bot (<see cref="RtviSession.InterruptAsync"/>): the running turn stops and keeps what it said.</summary>
    public ValueTask InterruptAsync(CancellationToken cancellationToken = default) => Session.InterruptAsync(cancellationToken);

    /// <summary>
    /// Starts a turn in the background (the 0.3 <c>llm</c> actions, after their answer is queued): it ends with its
    /// events, at the next interruption or at the session's end; a failure is logged.
    /// </summary>
    internal void StartTurn() => _ = RunDetachedTurnAsync();

    internal void Attach(RtviSession session)
    {
        if (Interlocked.CompareExchange(ref _session, session, null) is null && Options.SessionTools is { } sessionTools)
        {
            _tools.AddRange(sessionTools(session));
        }
    }

    /// <summary>Waits (bounded) for a cancelled turn to finish, so its <c>bot-llm-stopped</c> precedes what follows the interruption.</summary>
    internal async ValueTask OnInterruptedAsync()
    {
        var running = Volatile.Read(ref _running);
        await running.WaitAsync(s_interruptWait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    internal List<ChatMessage> BuildRequest()
    {
        var history = _history.Snapshot();
        if (!string.IsNullOrEmpty(SystemPrompt))
        {
            history.Insert(0, new ChatMessage(ChatRole.System, SystemPrompt));
        }
        return history;
    }

    internal ChatOptions BuildChatOptions(ConversationTurn turn, HashSet<string> serverTools)
    {
        var tools = new List<AITool>(_tools.Count);
        foreach (var tool in _tools)
        {
            if (tool is AIFunction function and not RtviClientFunction)
            {
                serverTools.Add(function.Name);
                tools.Add(new ReportedFunction(function, turn));
            }
            else
            {
                tools.Add(tool);
            }
        }
        return new ChatOptions
        {
            ModelId = string.IsNullOrEmpty(Model) ? null : Model,
            Temperature = Temperature is { } t ? (float)t : null,
            Tools = tools.Count > 0 ? tools : null,
        };
    }

    internal RtviFunctionCallReportLevel ReportLevelFor(string functionName) =>
        FunctionCallReportLevels.TryGetValue(functionName, out var level) ? level
        : FunctionCallReportLevels.TryGetValue("*", out level) ? level
        : RtviFunctionCallReportLevel.Full;

    internal void Commit(IEnumerable<ChatMessage> messages) => _history.Append(messages);

    internal int NextSegmentId() => Interlocked.Increment(ref _segments);

    internal void OnModelFailed(RtviSession session, Exception exception) => LogModelFailed(_logger, exception, session.Id);

    internal static ChatMessage Interrupted(string text) =>
        new(ChatRole.Assistant, text) { AdditionalProperties = new() { [InterruptedProperty] = true } };

    private async Task RunDetachedTurnAsync()
    {
        try
        {
            await RunTurnAsync(spoken: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Interrupted or ended before the turn could start: nothing was sent, nothing is owed.
        }
        catch (Exception exception)
        {
            LogTurnFailed(_logger, exception, Session.Id);
        }
    }

    private async Task RunTurnAsync(bool spoken, CancellationToken cancellationToken)
    {
        var session = Session;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.InterruptionToken, session.Ended);
        await _turns.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            // Published before the turn starts: its first events may go out before RunAsync first yields.
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _running, done.Task);
            try
            {
                await new ConversationTurn(this, session, spoken && Options.SpeaksOutput).RunAsync(_chatClient, linked.Token).ConfigureAwait(false);
            }
            finally
            {
                done.TrySetResult();
            }
        }
        finally
        {
            _turns.Release();
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Session {SessionId}: the chat client failed")]
    private static partial void LogModelFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(2, LogLevel.Error, "Session {SessionId}: a turn started by an llm action failed")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string sessionId);
}
