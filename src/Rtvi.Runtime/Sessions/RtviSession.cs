using System.Text.Json;
using Microsoft.Extensions.Logging;
using Rtvi.Protocol;
using Rtvi.Sessions;
using Rtvi.Transports;
using static Rtvi.Protocol.RtviMessageTypes;

namespace Rtvi;

/// <summary>
/// One client session: owns the handshake state, the config values, pending function calls and the outbox of one
/// connection. Handlers receive it through their context; apps use it to send events, relay function calls and
/// control readiness and interruption.
/// </summary>
/// <remarks>
/// Four loops run per session: the receiver (transport → inbox), the dispatcher (the one owner of the handshake state,
/// in arrival order), two work lanes (actions and client messages; app events) and the writer (outbox → transport).
/// Other threads never change the handshake state: they post a control item to the inbox, which is unbounded for
/// control items (inbound messages are bounded by the receiver, in count and bytes), so an end, a deadline or a
/// bot-ready is never lost. Code the dispatcher runs inline (hooks, option handlers) is marked by an
/// <see cref="AsyncLocal{T}"/> scope that the call itself carries, so such code can declare the bot ready without
/// waiting for the dispatcher that is waiting for it. See docs/architecture.md and docs/reliability.md.
/// </remarks>
public sealed class RtviSession
{
    private const int NotReady = 0, BecomingReady = 1, Ready = 2;

    private readonly RtviServer _server;
    private readonly RtviConnection _connection;
    private readonly ILogger _logger;
    private readonly RtviLimits _limits;
    private readonly SlimQueue<InboxItem> _inbox = new();
    private readonly SemaphoreSlim _dispatching = new(1, 1);
    private readonly QueueBudget _inboxBudget;
    private readonly Queue<InboxItem> _held = new();
    private readonly List<string> _pendingClientReady = [];
    private readonly HandlerLanes _lanes;
    private readonly Outbox _outbox;
    private readonly ConfigState _config;
    private readonly FunctionCallRelay _calls;
    // Created when the app first reads the audio: a session that never does pays nothing for it.
    private AudioInput? _audioInput;
    private readonly CancellationTokenSource _ended = new();
    private readonly CancellationTokenSource _aborted = new();
    private readonly TaskCompletionSource _stopping = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource _interruption = new();
    private RtviBotAudio? _botAudio;
    private (int Major, int Minor, int Patch) _clientVersion = (0, 3, 0);
    private string _botReadyVersion = RtviProtocolVersions.V0_3;
    private int _readyState;
    private int _endReason = -1;
    private int _shutdownNoticeSent;
    private volatile bool _clientReadySeen;
    private RtviAbout _about;
    private long _bytesBeforeClientReady;

    internal RtviSession(RtviServer server, RtviConnection connection, IServiceProvider services, ILogger logger)
    {
        _server = server;
        _connection = connection;
        _logger = logger;
        _limits = server.Options.Limits;
        Services = services;
        _about = server.Options.About;
        Events = new RtviEvents(this);
        _config = new ConfigState(server.Options.InitialConfig);
        _calls = new FunctionCallRelay(this, server.Options);
        _inboxBudget = new QueueBudget(_limits.InboxCapacity, _limits.MaxInboxBytes);
        _lanes = new HandlerLanes(this, _limits, logger);
        _outbox = new Outbox(_limits.OutboxCapacity, _limits.MaxOutboxBytes, _limits.OutboxSendTimeout);
        _outbox.Stalled += OnOutboxStalled;
        Generation = server.Options.Mode == RtviProtocolMode.V2 ? RtviClientGeneration.V2 : RtviClientGeneration.V0_3;
    }

    /// <summary>A short unique id for logs.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>The request the connection came from (query string, headers, user); <c>null</c> on stdio and in-memory transports.</summary>
    public RtviRequest? Request => _connection.Request;

    /// <summary>The session-scoped service provider.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The server's protocol mode.</summary>
    public RtviProtocolMode Mode => _server.Options.Mode;

    /// <summary>The client's protocol generation (decided by its <c>client-ready</c>).</summary>
    public RtviClientGeneration Generation { get; private set; }

    /// <summary>The version the client sent in <c>client-ready</c>, if any.</summary>
    public string? ClientVersion { get; private set; }

    /// <summary>The <c>about</c> the client sent in <c>client-ready</c>, if any.</summary>
    public JsonElement? ClientAbout { get; private set; }

    /// <summary>Whether <c>client-ready</c> has arrived.</summary>
    public bool IsClientReady { get; private set; }

    /// <summary>Whether the bot is ready (<c>bot-ready</c> sent, or due as soon as <c>client-ready</c> arrives).</summary>
    public bool IsBotReady => Volatile.Read(ref _readyState) == Ready;

    /// <summary>Why the session ended, once it is ending.</summary>
    public RtviSessionEndReason? EndReason => Volatile.Read(ref _endReason) is var reason and >= 0 ? (RtviSessionEndReason)reason : null;

    /// <summary>Typed bot and user events, written for the client's protocol generation.</summary>
    public RtviEvents Events { get; }

    /// <summary>Cancelled when the session ends.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>Cancelled at the next interruption (then replaced by a fresh token).</summary>
    public CancellationToken InterruptionToken => Volatile.Read(ref _interruption).Token;

    /// <summary>
    /// The bot's audio output: paced at real time, with the speaking events and spoken progress derived from it, flushed
    /// by every interruption. Created on first use.
    /// </summary>
    public RtviBotAudio BotAudio =>
        Volatile.Read(ref _botAudio)
        ?? Interlocked.CompareExchange(ref _botAudio, new RtviBotAudio(this, _server.Options.BotAudio, TimeProvider.System), null)
        ?? _botAudio!;

    /// <summary>Per-session application state.</summary>
    public IDictionary<string, object?> Items { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>The number of relayed function calls awaiting a client result.</summary>
    public int PendingFunctionCalls => _calls.Count;

    /// <summary>Bytes of output queued for the client and not yet sent.</summary>
    public long OutboxBytes => _outbox.Bytes;

    /// <summary>Inbound items queued for the dispatcher (frames and control items).</summary>
    internal int InboxCount => _inbox.Count;

    /// <summary>Bytes of requests held for bot-ready or queued on the lanes (bounded by <see cref="RtviLimits.MaxPendingBytes"/>).</summary>
    internal long PendingBytes => _lanes.PendingBytes.Bytes;

    /// <summary>Bytes of inbound messages read and not yet dispatched (bounded by <see cref="RtviLimits.MaxInboxBytes"/>).</summary>
    internal long InboxBytes => _inboxBudget.Bytes;

    /// <summary>A snapshot of the current config values.</summary>
    public IReadOnlyList<RtviServiceConfig> GetConfig() => _config.Snapshot();

    /// <summary>
    /// The <c>about</c> this session's <c>bot-ready</c> sends to 2.x clients (<see cref="RtviServerOptions.About"/> unless
    /// changed). Settable before bot-ready, e.g. in <see cref="RtviHooks.OnSessionStarted"/> or <see cref="RtviHooks.OnClientReady"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set once the bot is ready (<c>bot-ready</c> is sent or being sent).</exception>
    public RtviAbout About
    {
        get => Volatile.Read(ref _about);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            ThrowIfBotReady(nameof(About));
            Volatile.Write(ref _about, value);
        }
    }

    /// <summary>
    /// Replaces the config this session starts with (<see cref="RtviServerOptions.InitialConfig"/> unless changed): applied
    /// through the option handlers when the bot becomes ready, and what 0.3 clients get in <c>bot-ready</c> and
    /// <c>get-config</c>. Call it before bot-ready, e.g. in <see cref="RtviHooks.OnSessionStarted"/> or
    /// <see cref="RtviHooks.OnClientReady"/> (with manual readiness, any time before <see cref="SetBotReadyAsync"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A service or option is not registered, or a value is not of its option's wire type.</exception>
    /// <exception cref="InvalidOperationException">Called once the bot is ready.</exception>
    public void SetInitialConfig(IEnumerable<RtviServiceConfig> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var entries = config.ToList();
        foreach (var entry in entries)
        {
            foreach (var value in entry.Options)
            {
                var descriptor = Registry.FindService(entry.Service)?.FindOption(value.Name)
                    ?? throw new ArgumentException($"Option '{entry.Service}.{value.Name}' is not registered.", nameof(config));
                if (!descriptor.Type.Accepts(value.Value.ValueKind))
                {
                    throw new ArgumentException($"Option '{entry.Service}.{value.Name}' takes a {descriptor.Type.ToWireString()} value.", nameof(config));
                }
            }
        }
        ThrowIfBotReady(nameof(SetInitialConfig));
        _config.Reset(entries);
    }

    private RtviRegistry Registry => _server.Registry;

    private void ThrowIfBotReady(string what)
    {
        if (Volatile.Read(ref _readyState) != NotReady)
        {
            throw new InvalidOperationException($"{what} is settable only before bot-ready; this session's bot is ready.");
        }
    }

    private RtviHooks Hooks => _server.Options.Hooks;

    /// <summary>Whether the caller is code the dispatcher runs inline for this session (a hook or an option handler).</summary>
    private bool IsInline => InlineScope.IsActiveFor(this);

    // ---- public operations -----------------------------------------------------------------------------------------

    /// <summary>
    /// Declares the bot ready: applies the current config through the option handlers, sends <c>bot-ready</c> (now, or
    /// as soon as <c>client-ready</c> arrives) and then processes the requests held until now, in arrival order.
    /// Callable from any thread and from any hook or handler.
    /// </summary>
    public async ValueTask SetBotReadyAsync(CancellationToken cancellationToken = default)
    {
        if (IsBotReady || _ended.IsCancellationRequested)
        {
            return;
        }
        if (IsInline)
        {
            // The dispatcher is waiting for this very code: become ready here; it processes held requests afterwards.
            await BecomeReadyAsync().ConfigureAwait(false);
            return;
        }
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.TryWrite(InboxItem.Control(InboxKind.BotReady, completion)))
        {
            return;
        }
        using var registration = _ended.Token.Register(static c => ((TaskCompletionSource)c!).TrySetResult(), completion);
        await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Interrupts the bot: cancels <see cref="InterruptionToken"/>, drops the turn output still queued for the client
    /// (bot audio, <c>bot-llm-text</c>, <c>bot-tts-text</c>, <c>bot-output</c>, <c>bot-transcription</c>; answers, errors
    /// and every other event keep their place), flushes <see cref="BotAudio"/> (<c>bot-stopped-speaking</c> now if the bot
    /// was speaking), runs the interruption hook and tells 2.x clients (<c>bot-interrupted</c>).
    /// </summary>
    public ValueTask InterruptAsync(CancellationToken cancellationToken = default) => InterruptCoreAsync(IsInline, cancellationToken);

    /// <summary>Sends the <c>error</c> event; with <paramref name="fatal"/> the session ends after it is sent.</summary>
    public async ValueTask SendErrorAsync(string error, bool fatal = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        await SendAsync(ServerMessageWriter.ErrorEvent(error, fatal), cancellationToken).ConfigureAwait(false);
        if (fatal)
        {
            End(RtviSessionEndReason.ServerDisconnected);
        }
    }

    /// <summary>
    /// Sends bot audio (16-bit PCM) on transports that carry audio, a no-op elsewhere: the same as
    /// <see cref="RtviBotAudio.WriteAsync(ReadOnlyMemory{byte}, int, int, CancellationToken)"/> on <see cref="BotAudio"/>
    /// (paced at real time, speaking events, flushed by interruptions), without its result.
    /// </summary>
    public async ValueTask SendAudioAsync(ReadOnlyMemory<byte> pcm, int sampleRate, int numChannels, CancellationToken cancellationToken = default) =>
        await BotAudio.WriteAsync(pcm, sampleRate, numChannels, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The client's audio (protobuf <c>audio</c> frames, <c>raw-audio</c>, <c>raw-audio-batch</c>) as a stream, in
    /// arrival order, each frame owning its bytes. Frames are kept from the first call on (call it early, e.g. in
    /// <see cref="RtviHooks.OnSessionStarted"/>), bounded by <see cref="RtviLimits.MaxAudioInputBytes"/> and
    /// <see cref="RtviLimits.MaxAudioInputFrames"/>: a reader slower than the client loses the oldest frames
    /// (<see cref="DroppedAudioFrames"/>), and nothing the client sends waits for it. The stream ends, after the frames
    /// already queued, when the session ends. One enumeration at a time; <see cref="RtviHooks.OnAudio"/> still runs.
    /// </summary>
    /// <exception cref="InvalidOperationException">Enumerated while another enumeration is running.</exception>
    public IAsyncEnumerable<RtviAudioFrame> ReadAudioAsync(CancellationToken cancellationToken = default) =>
        LazyInitializer.EnsureInitialized(ref _audioInput, () => new AudioInput(_limits, _logger, Id, _ended.Token)).Open(cancellationToken);

    /// <summary>Inbound audio frames dropped from <see cref="ReadAudioAsync"/>'s stream because its reader fell behind.</summary>
    public long DroppedAudioFrames => Volatile.Read(ref _audioInput)?.Dropped ?? 0;

    /// <summary>Bytes of inbound audio queued for <see cref="ReadAudioAsync"/>'s reader.</summary>
    internal long AudioInputBytes => Volatile.Read(ref _audioInput)?.QueuedBytes ?? 0;

    /// <summary>Ends the session: what is queued is answered or dropped, what was sent is flushed, the connection closes.</summary>
    public void Disconnect() => End(RtviSessionEndReason.ServerDisconnected);

    /// <summary>
    /// Relays an LLM function call to the client and waits for its <c>llm-function-call-result</c>: 0.3 and early 1.x
    /// clients get <c>llm-function-call</c>; 1.2+ and 2.x clients get the started / in-progress / stopped lifecycle,
    /// disclosed per the function's report level (in-progress always names the function and carries the arguments,
    /// since the client cannot run it otherwise). Callable from any hook or handler: results are taken by the receiver,
    /// not the dispatcher.
    /// </summary>
    /// <returns>The client's <c>result</c> (a JSON object or string).</returns>
    /// <exception cref="RtviFunctionCallTimeoutException">No result within <paramref name="timeout"/> (default: the configured limit).</exception>
    /// <exception cref="OperationCanceledException">Cancelled, or the session ended.</exception>
    /// <exception cref="InvalidOperationException">The tool call id is already pending, or too many calls are pending.</exception>
    public Task<JsonElement> CallClientFunctionAsync(
        string functionName, string toolCallId, JsonElement arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        ArgumentException.ThrowIfNullOrEmpty(toolCallId);
        if (arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            throw new ArgumentException("Function arguments must be a JSON object.", nameof(arguments));
        }
        return RtviTelemetry.FunctionCallAsync(functionName, (_calls, functionName, toolCallId, arguments, timeout, cancellationToken), static s => s._calls.CallAsync(s.functionName, s.toolCallId, s.arguments, s.timeout, s.cancellationToken));
    }

    /// <summary>Queues a message for the client; once the session has ended (handlers cancelled) messages are dropped.</summary>
    internal ValueTask SendAsync(OutboundMessage message, CancellationToken cancellationToken = default) =>
        _ended.IsCancellationRequested ? default : _outbox.EnqueueAsync(new OutboxItem(message, 0, 0), cancellationToken);

    /// <summary>
    /// Queues output of the bot's turn (streamed bot text, bot audio), which an interruption drops while it is queued.
    /// Output sent with a token that is already cancelled is dropped at once: its turn was interrupted or cancelled.
    /// </summary>
    internal ValueTask SendTurnOutputAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        // Read before the token is checked: an interruption cancels turn tokens before it moves the epoch on, so output
        // of an interrupted turn either sees its token cancelled or carries an epoch that is dropped.
        var epoch = _outbox.TurnEpoch;
        return cancellationToken.IsCancellationRequested ? default : SendTurnOutputAsync(message, epoch, cancellationToken);
    }

    /// <summary>Queues turn output of a given epoch (see <see cref="Outbox.TurnEpoch"/>).</summary>
    internal ValueTask SendTurnOutputAsync(OutboundMessage message, long epoch, CancellationToken cancellationToken) =>
        _ended.IsCancellationRequested ? default : _outbox.EnqueueAsync(new OutboxItem(message, 0, 0, epoch), cancellationToken);

    /// <summary>Queues one frame of bot audio of a given turn epoch.</summary>
    internal ValueTask SendAudioFrameAsync(OutboundMessage pcm, int sampleRate, int numChannels, long epoch, CancellationToken cancellationToken) =>
        _ended.IsCancellationRequested ? default : _outbox.EnqueueAsync(new OutboxItem(pcm, sampleRate, numChannels, epoch), cancellationToken);

    /// <summary>The outbox's current turn epoch.</summary>
    internal long TurnEpoch => _outbox.TurnEpoch;

    /// <summary>Whether bot audio reaches the client (the transport carries it and the session goes on).</summary>
    internal bool SupportsAudio => _connection.SupportsAudio && !_ended.IsCancellationRequested;

    /// <summary>Logs a failure of session work that runs on its own (a timer), which must not take the session down.</summary>
    internal void OnBackgroundFailure(Exception exception, string what) => Log.HandlerFailed(_logger, exception, Id, what);

    /// <summary>Whether the client is at least the given 1.x/2.x version.</summary>
    internal bool ClientAtLeast(int major, int minor) => Generation switch
    {
        RtviClientGeneration.V2 => true,
        RtviClientGeneration.V0_3 => false,
        _ => _clientVersion.Major > major || (_clientVersion.Major == major && _clientVersion.Minor >= minor),
    };

    /// <summary>The server is stopping: the client is told (fatal <c>error</c>) and the session ends within the grace period.</summary>
    internal void Shutdown()
    {
        SetEndReason(RtviSessionEndReason.ServerShutdown);
        _stopping.TrySetResult();
        _inbox.TryWrite(InboxItem.Control(InboxKind.Shutdown));
    }

    // ---- the session's life ----------------------------------------------------------------------------------------

    /// <summary>
    /// Runs the session until the client leaves, <c>disconnect-bot</c> arrives, the app or the server ends it or the
    /// token is cancelled. Returns within <see cref="RtviLimits.ShutdownGracePeriod"/> (plus the close handshake) of the
    /// end, whatever handlers do.
    /// </summary>
    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        Log.SessionStarted(_logger, Id);
        using var cancellation = cancellationToken.Register(static s => ((RtviSession)s!).Abort(RtviSessionEndReason.Cancelled), this);
        var writer = Task.Run(WriteLoopAsync, CancellationToken.None);
        var lanes = _lanes.RunAsync(_ended.Token);
        Task? receiver = null;
        var deadline = new Timer(static s => ((RtviSession)s!)._inbox.TryWrite(InboxItem.Control(InboxKind.Deadline)), this, _limits.HandshakeTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            await RunHookAsync("OnSessionStarted", Hooks.OnSessionStarted, static (h, s, ct) => h(s, ct), inline: true, _ended.Token).ConfigureAwait(false);
            receiver = Task.Run(ReceiveLoopAsync, CancellationToken.None);
            var dispatcher = DispatchLoopAsync();
            if (await Task.WhenAny(dispatcher, _stopping.Task).ConfigureAwait(false) != dispatcher
                && !await CompletesWithinAsync(dispatcher, _limits.ShutdownGracePeriod).ConfigureAwait(false))
            {
                Log.Abandoned(_logger, Id, "a hook or option handler", _limits.ShutdownGracePeriod);
            }
        }
        finally
        {
            await deadline.DisposeAsync().ConfigureAwait(false);
            await TearDownAsync(writer, lanes, receiver).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the session in order: queued inbound work first where the client is still owed answers.</summary>
    private void End(RtviSessionEndReason reason)
    {
        SetEndReason(reason);
        _stopping.TrySetResult();
        _inbox.TryWrite(InboxItem.Control(InboxKind.End));
    }

    /// <summary>Ends the session now: handlers are cancelled and the transport is aborted, releasing everything queued.</summary>
    private void Abort(RtviSessionEndReason reason)
    {
        SetEndReason(reason);
        _stopping.TrySetResult();
        _inbox.TryWrite(InboxItem.Control(InboxKind.End));
        Cancel(_ended);
        Cancel(_aborted);
        try
        {
            _connection.Abort();
        }
        catch (Exception exception)
        {
            Log.TransportFailed(_logger, exception, Id);
        }
    }

    private void OnOutboxStalled()
    {
        Log.OutboxStalled(_logger, Id, _limits.OutboxSendTimeout);
        Abort(RtviSessionEndReason.Stalled);
    }

    private void SetEndReason(RtviSessionEndReason reason) => Interlocked.CompareExchange(ref _endReason, (int)reason, -1);

    private async Task TearDownAsync(Task writer, Task lanes, Task? receiver)
    {
        var grace = _limits.ShutdownGracePeriod;
        var until = Environment.TickCount64 + (long)grace.TotalMilliseconds;
        TimeSpan Left() => TimeSpan.FromMilliseconds(Math.Max(0, until - Environment.TickCount64));

        _inbox.TryComplete();
        _lanes.Complete();
        if (EndReason == RtviSessionEndReason.ClientClosed)
        {
            // The client stopped sending: let queued work finish (bounded) so that every request is answered.
            await CompletesWithinAsync(lanes, Left()).ConfigureAwait(false);
        }
        Cancel(_ended);
        _botAudio?.Close();
        _calls.Close(_ended.Token);
        if (!await CompletesWithinAsync(lanes, Left()).ConfigureAwait(false))
        {
            Log.Abandoned(_logger, Id, "a queued handler", grace);
        }
        while (_held.TryDequeue(out var held))
        {
            _lanes.PendingBytes.Release(held.Bytes);
        }
        if (EndReason == RtviSessionEndReason.ServerShutdown && Interlocked.Exchange(ref _shutdownNoticeSent, 1) == 0)
        {
            _outbox.TryEnqueue(new OutboxItem(ServerMessageWriter.ErrorEvent(RtviErrorText.ServerShuttingDown, fatal: true), 0, 0));
        }
        _outbox.Complete();
        if (!await CompletesWithinAsync(writer, Left()).ConfigureAwait(false))
        {
            Abort(EndReason ?? RtviSessionEndReason.Stalled);
            await CompletesWithinAsync(writer, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        if (!_aborted.IsCancellationRequested)
        {
            try
            {
                await _connection.CloseAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                Log.TransportFailed(_logger, exception, Id);
            }
        }
        if (receiver is not null && !await CompletesWithinAsync(receiver, TimeSpan.FromSeconds(2)).ConfigureAwait(false))
        {
            Abort(EndReason ?? RtviSessionEndReason.TransportFailed);
            await CompletesWithinAsync(receiver, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        var ended = RunHookAsync("OnSessionEnded", Hooks.OnSessionEnded, static (h, s, _) => h(s), inline: false, CancellationToken.None).AsTask();
        if (!await CompletesWithinAsync(ended, grace).ConfigureAwait(false))
        {
            Log.Abandoned(_logger, Id, "the OnSessionEnded hook", grace);
        }
        Log.SessionEnded(_logger, Id, EndReason ?? RtviSessionEndReason.ClientClosed);
    }

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout)
    {
        await task.WaitAsync(timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return task.IsCompleted;
    }

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (AggregateException)
        {
            // A callback registered by app code threw; the cancellation itself happened.
        }
    }

    // ---- receiver and writer ---------------------------------------------------------------------------------------

    /// <summary>
    /// Reads frames, reads each envelope once, hands function-call results straight to the relay (so a hook waiting for
    /// one never waits for the dispatcher) and queues the rest, waiting while the inbox is full in count or bytes.
    /// </summary>
    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                var frame = await _connection.ReceiveAsync(_limits.MaxMessageBytes, _ended.Token).ConfigureAwait(false);
                if (frame.Kind == RtviFrameKind.Closed)
                {
                    _inbox.TryWrite(InboxItem.Control(InboxKind.InputClosed));
                    return;
                }
                var item = InboxItem.From(frame);
                RtviTelemetry.MessageReceived(item);
                if (item.Kind == InboxKind.Message && item.Envelope.Status == EnvelopeStatus.Valid)
                {
                    if (item.Envelope.Type == LlmFunctionCallResult)
                    {
                        await HandleFunctionCallResultAsync(item).ConfigureAwait(false);
                        continue;
                    }
                    if (item.Envelope.Type == ClientReady)
                    {
                        _clientReadySeen = true;
                    }
                }
                if (!_clientReadySeen && (_bytesBeforeClientReady += item.Bytes) > _limits.MaxBytesBeforeClientReady)
                {
                    _inbox.TryWrite(InboxItem.Control(InboxKind.OverBudget));
                    return;
                }
                await _inboxBudget.TakeAsync(item.Bytes, _ended.Token).ConfigureAwait(false);
                if (item.Kind == InboxKind.Message && TryDispatchNow(item))
                {
                    continue;
                }
                if (!_inbox.TryWrite(item))
                {
                    _inboxBudget.Release(item.Bytes);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_ended.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            Log.TransportFailed(_logger, exception, Id);
            Abort(RtviSessionEndReason.TransportFailed);
        }
    }

    private async Task WriteLoopAsync()
    {
        if (await _outbox.RunWriterAsync(_connection, _aborted.Token).ConfigureAwait(false) is { } failure)
        {
            Log.TransportFailed(_logger, failure, Id);
            Abort(RtviSessionEndReason.TransportFailed);
        }
    }

    private async ValueTask HandleFunctionCallResultAsync(InboxItem item)
    {
        var id = item.Envelope.Id!;
        string? problem;
        try
        {
            problem = _calls.Complete(RequestReader.FunctionCallResult(RequestReader.Data(item.Payload, item.Envelope))) switch
            {
                FunctionCallRelay.Completion.UnknownToolCall => RtviErrorText.UnknownToolCall,
                FunctionCallRelay.Completion.NameMismatch => RtviErrorText.ToolCallNameMismatch,
                _ => null,
            };
        }
        catch (PayloadException exception)
        {
            problem = exception.Message;
        }
        if (problem is not null)
        {
            Log.InvalidMessage(_logger, Id, problem);
            await SendAsync(ServerMessageWriter.ErrorResponse(id, RtviErrorText.InvalidMessage(problem))).ConfigureAwait(false);
        }
    }

    // ---- the dispatcher --------------------------------------------------------------------------------------------

    /// <summary>
    /// Dispatches what the inbox holds, one item at a time. Whoever dispatches holds the dispatch lock: this loop while it
    /// drains the inbox, or the receiver while it dispatches a message itself (<see cref="TryDispatchNow"/>).
    /// </summary>
    private async Task DispatchLoopAsync()
    {
        var reader = _inbox;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                // Uncontended, this completes at once without allocating; contended, the receiver is dispatching.
                await _dispatching.WaitAsync(_ended.Token).ConfigureAwait(false);
                try
                {
                    while (reader.TryRead(out var item))
                    {
                        var stop = await DispatchItemAsync(item).ConfigureAwait(false);
                        if (!stop && EndReason is null)
                        {
                            await ProcessHeldAsync().ConfigureAwait(false);
                            continue;
                        }
                        if (EndReason == RtviSessionEndReason.ServerShutdown)
                        {
                            await SendShutdownNoticeAsync().ConfigureAwait(false);
                        }
                        // The end reason is set: the receiver dispatches nothing more.
                        return;
                    }
                }
                finally
                {
                    _dispatching.Release();
                }
            }
        }
        catch (OperationCanceledException) when (_ended.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            OnDispatcherFailed(exception);
        }
    }

    /// <summary>
    /// Dispatches a message on the receiver when the dispatcher is idle and nothing is queued ahead of it (no hop to the
    /// dispatcher); false when it must be queued. When the dispatch does not complete synchronously (an inline hook
    /// awaiting something) the receiver goes back to reading at once, and the dispatch lock is released when it
    /// completes, so the dispatcher takes what arrived meanwhile in order.
    /// </summary>
    private bool TryDispatchNow(InboxItem item)
    {
        if (_inbox.Count != 0 || !_dispatching.Wait(0))
        {
            return false;
        }
        // Re-checked under the lock: the dispatcher reads the inbox only while holding it.
        if (_inbox.Count != 0 || EndReason is not null)
        {
            _dispatching.Release();
            return false;
        }
        ValueTask dispatch;
        try
        {
            dispatch = DispatchNowAsync(item);
        }
        catch (Exception exception)
        {
            dispatch = ValueTask.FromException(exception);
        }
        if (dispatch.IsCompletedSuccessfully)
        {
            _dispatching.Release();
        }
        else
        {
            _ = FinishDispatchAsync(dispatch);
        }
        return true;
    }

    private async ValueTask DispatchNowAsync(InboxItem item)
    {
        await DispatchItemAsync(item).ConfigureAwait(false);
        if (EndReason is null)
        {
            await ProcessHeldAsync().ConfigureAwait(false);
        }
    }

    private async Task FinishDispatchAsync(ValueTask dispatch)
    {
        try
        {
            await dispatch.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_ended.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            OnDispatcherFailed(exception);
        }
        finally
        {
            _dispatching.Release();
        }
    }

    private void OnDispatcherFailed(Exception exception)
    {
        Log.HandlerFailed(_logger, exception, Id, "dispatcher");
        Abort(RtviSessionEndReason.TransportFailed);
    }

    /// <summary>Handles one inbox item; true when the session ends with it.</summary>
    private async ValueTask<bool> DispatchItemAsync(InboxItem item)
    {
        switch (item.Kind)
        {
            case InboxKind.Message:
                try
                {
                    await DispatchMessageAsync(item).ConfigureAwait(false);
                }
                finally
                {
                    _inboxBudget.Release(item.Bytes);
                }
                return false;
            case InboxKind.Audio:
                _inboxBudget.Release(item.Bytes);
                await DeliverAudioAsync(new RtviAudioFrame(item.Payload, item.SampleRate, item.NumChannels)).ConfigureAwait(false);
                return false;
            case InboxKind.Oversized:
                _inboxBudget.Release(item.Bytes);
                Log.DroppedFrame(_logger, Id, "message too large");
                await SendAsync(ServerMessageWriter.ErrorEvent(RtviErrorText.InvalidTransportMessage("message too large"), fatal: false)).ConfigureAwait(false);
                return false;
            case InboxKind.Undecodable:
                _inboxBudget.Release(item.Bytes);
                Log.DroppedFrame(_logger, Id, "undecodable frame");
                return false;
            case InboxKind.BotReady:
                await BecomeReadyAsync().ConfigureAwait(false);
                item.Completion!.TrySetResult();
                return false;
            case InboxKind.Deadline:
                return await OnHandshakeDeadlineAsync().ConfigureAwait(false);
            case InboxKind.InputClosed:
                SetEndReason(RtviSessionEndReason.ClientClosed);
                return true;
            case InboxKind.OverBudget:
                SetEndReason(RtviSessionEndReason.OverBudget);
                Log.TooMuchBeforeClientReady(_logger, Id, _limits.MaxBytesBeforeClientReady);
                await RefuseWaitingAsync(RtviErrorText.TooMuchBeforeClientReady).ConfigureAwait(false);
                await SendAsync(ServerMessageWriter.ErrorEvent(RtviErrorText.TooMuchBeforeClientReady, fatal: true)).ConfigureAwait(false);
                return true;
            default: // End, Shutdown
                return true;
        }
    }

    /// <summary>How a message type is treated in the current mode.</summary>
    private enum Route { Unsupported, Immediate, StateChanging }

    private Route RouteOf(string type)
    {
        var mode = Mode;
        switch (type)
        {
            case ClientReady or DisconnectBot or LlmFunctionCallResult or RawAudio or RawAudioBatch:
                return Route.Immediate;
            case DescribeConfig or DescribeActions or RtviMessageTypes.GetConfig:
                return mode == RtviProtocolMode.V2 ? Route.Unsupported : Route.Immediate;
            case UpdateConfig or RtviMessageTypes.Action:
                return mode == RtviProtocolMode.V2 ? Route.Unsupported : Route.StateChanging;
            case ClientMessage or SendText or AppendToContext or Dtmf or UiEvent or UiSnapshot or UiCancelJobGroup:
                return mode == RtviProtocolMode.V0_3 ? Route.Unsupported : Route.StateChanging;
            default:
                return Route.Unsupported;
        }
    }

    private async ValueTask DispatchMessageAsync(InboxItem item)
    {
        var envelope = item.Envelope;
        switch (envelope.Status)
        {
            case EnvelopeStatus.NotRtvi:
                Log.IgnoredNonRtvi(_logger, Id);
                return;
            case EnvelopeStatus.Malformed or EnvelopeStatus.Invalid:
                Log.InvalidMessage(_logger, Id, envelope.Problem!);
                await SendAsync(ServerMessageWriter.ErrorEvent(RtviErrorText.InvalidTransportMessage(envelope.Problem!), fatal: false)).ConfigureAwait(false);
                return;
            case EnvelopeStatus.InvalidData:
                Log.InvalidMessage(_logger, Id, envelope.Problem!);
                await SendAsync(ServerMessageWriter.ErrorResponse(envelope.Id!, RtviErrorText.InvalidMessage(envelope.Problem!))).ConfigureAwait(false);
                return;
        }

        var type = envelope.Type!;
        var id = envelope.Id!;
        switch (RouteOf(type))
        {
            case Route.Unsupported:
                await SendAsync(ServerMessageWriter.ErrorResponse(id, RtviErrorText.UnsupportedType(type))).ConfigureAwait(false);
                return;
            case Route.StateChanging when !IsBotReady:
                if (_held.Count < _limits.MaxHeldRequests && _lanes.PendingBytes.TryTake(item.Bytes))
                {
                    _held.Enqueue(item);
                    return;
                }
                Log.LaneFull(_logger, Id, "the queue of requests held for bot-ready", LogText.Escape(type));
                await SendAsync(ServerMessageWriter.ErrorResponse(id, RtviErrorText.TooManyRequests)).ConfigureAwait(false);
                return;
        }

        try
        {
            await HandleAsync(type, id, item).ConfigureAwait(false);
        }
        catch (PayloadException exception)
        {
            Log.InvalidMessage(_logger, Id, exception.Message);
            await SendAsync(ServerMessageWriter.ErrorResponse(id, RtviErrorText.InvalidMessage(exception.Message))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_ended.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            Log.HandlerFailed(_logger, exception, Id, type);
            await SendAsync(ServerMessageWriter.ErrorResponse(id, RtviErrorText.HandlerFailed)).ConfigureAwait(false);
        }
    }

    private async ValueTask HandleAsync(string type, string id, InboxItem item)
    {
        switch (type)
        {
            case ClientReady:
                await HandleClientReadyAsync(id, RequestReader.ClientReady(Data(item))).ConfigureAwait(false);
                break;
            case DisconnectBot:
                End(RtviSessionEndReason.ClientDisconnected);
                break;
            case DescribeConfig:
                await SendAsync(ServerMessageWriter.ConfigAvailable(id, Registry)).ConfigureAwait(false);
                break;
            case DescribeActions:
                await SendAsync(ServerMessageWriter.ActionsAvailable(id, Registry)).ConfigureAwait(false);
                break;
            case RtviMessageTypes.GetConfig:
                await SendAsync(ServerMessageWriter.Config(id, _config)).ConfigureAwait(false);
                break;
            case UpdateConfig:
                await HandleUpdateConfigAsync(id, RequestReader.UpdateConfig(Data(item))).ConfigureAwait(false);
                break;
            case RtviMessageTypes.Action:
                await HandleActionAsync(id, RequestReader.Action(item.Payload, item.Envelope), item.Bytes).ConfigureAwait(false);
                break;
            case ClientMessage:
                await HandleClientMessageAsync(id, RequestReader.ClientMessage(Data(item)), item.Bytes).ConfigureAwait(false);
                break;
            case LlmFunctionCallResult:
                await HandleFunctionCallResultAsync(item).ConfigureAwait(false);
                break;
            case SendText:
            {
                var request = RequestReader.SendText(Data(item));
                if (request.RunImmediately)
                {
                    await InterruptCoreAsync(inline: true, default).ConfigureAwait(false);
                }
                await _lanes.PostEventAsync(id, type, item.Bytes, nameof(RtviHooks.OnSendText), Hooks.OnSendText, request).ConfigureAwait(false);
                break;
            }
            case AppendToContext:
            {
                var request = RequestReader.AppendToContext(Data(item));
                if (request.RunImmediately)
                {
                    await InterruptCoreAsync(inline: true, default).ConfigureAwait(false);
                }
                await _lanes.PostEventAsync(id, type, item.Bytes, nameof(RtviHooks.OnAppendToContext), Hooks.OnAppendToContext, request).ConfigureAwait(false);
                break;
            }
            case Dtmf:
                await _lanes.PostEventAsync(id, type, item.Bytes, nameof(RtviHooks.OnDtmf), Hooks.OnDtmf, RequestReader.Dtmf(Data(item))).ConfigureAwait(false);
                break;
            case UiEvent:
                await _lanes.PostEventAsync(id, type, item.Bytes, nameof(RtviHooks.OnUiEvent), Hooks.OnUiEvent, RequestReader.UiEvent(Data(item))).ConfigureAwait(false);
                break;
            case UiSnapshot:
                await _lanes.PostEventAsync(id, type, item.Bytes, nameof(RtviHooks.OnUiSnapshot), Hooks.OnUiSnapshot, RequestReader.UiSnapshot(Data(item))).ConfigureAwait(false);
                break;
            case UiCancelJobGroup:
                await _lanes.PostEventAsync(id, type, item.Bytes, nameof(RtviHooks.OnUiCancelJobGroup), Hooks.OnUiCancelJobGroup, RequestReader.UiCancelJobGroup(Data(item))).ConfigureAwait(false);
                break;
            case RawAudio:
                await DeliverAudioAsync(RequestReader.RawAudio(Data(item))).ConfigureAwait(false);
                break;
            case RawAudioBatch:
                foreach (var frame in RequestReader.RawAudioBatch(Data(item)))
                {
                    await DeliverAudioAsync(frame).ConfigureAwait(false);
                }
                break;
        }
    }

    private static JsonElement Data(InboxItem item) => RequestReader.Data(item.Payload, item.Envelope);

    private async ValueTask ProcessHeldAsync()
    {
        while (IsBotReady && EndReason is null && _held.TryDequeue(out var held))
        {
            _lanes.PendingBytes.Release(held.Bytes);
            await DispatchMessageAsync(held).ConfigureAwait(false);
        }
    }

    // ---- handshake -------------------------------------------------------------------------------------------------

    private async ValueTask HandleClientReadyAsync(string id, ClientReadyRequest request)
    {
        var negotiation = VersionNegotiation.Negotiate(Mode, request.Version);
        Generation = negotiation.Generation;
        _clientVersion = negotiation.Version;
        _botReadyVersion = negotiation.BotReadyVersion;
        ClientVersion = request.VersionText;
        ClientAbout = request.About;
        IsClientReady = true;
        if (negotiation.Error is not null)
        {
            await SendAsync(ServerMessageWriter.ErrorResponse(id, negotiation.Error)).ConfigureAwait(false);
        }

        var wasReady = IsBotReady;
        if (!wasReady)
        {
            // Every client-ready is answered: all that arrive before the bot is ready get bot-ready together.
            if (_pendingClientReady.Count >= Math.Max(1, _limits.MaxHeldRequests))
            {
                await SendAsync(ServerMessageWriter.ErrorResponse(id, RtviErrorText.TooManyRequests)).ConfigureAwait(false);
                return;
            }
            _pendingClientReady.Add(id);
        }
        var info = new RtviClientReady(ClientVersion, ClientAbout);
        await RunHookAsync("OnClientReady", Hooks.OnClientReady, (h, s, ct) => h(s, info, ct), inline: true, _ended.Token).ConfigureAwait(false);
        if (wasReady)
        {
            await SendAsync(BotReadyMessage(id)).ConfigureAwait(false);
        }
        else if (_server.Options.AutoBotReady)
        {
            await BecomeReadyAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Applies the config through the option handlers, answers every waiting <c>client-ready</c>, then marks the bot
    /// ready. Runs on the dispatcher or inline in code it runs; the dispatcher releases held requests after it.
    /// </summary>
    private async ValueTask BecomeReadyAsync()
    {
        if (Interlocked.CompareExchange(ref _readyState, BecomingReady, NotReady) != NotReady)
        {
            return;
        }
        foreach (var (service, option, value) in _config.Values())
        {
            var descriptor = Registry.FindService(service)?.FindOption(option);
            BoundOption bound;
            try
            {
                bound = descriptor is not null ? ConfigState.Bind(descriptor, value) : throw new PayloadException("not registered");
            }
            catch (PayloadException)
            {
                Log.InitialConfigSkipped(_logger, Id, service, option);
                continue;
            }
            try
            {
                await ApplyOptionAsync(bound, new RtviOptionContext(this, null, service, option)).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !_ended.IsCancellationRequested)
            {
                Log.HandlerFailed(_logger, exception, Id, "initial config");
            }
        }
        foreach (var id in _pendingClientReady)
        {
            await SendAsync(BotReadyMessage(id)).ConfigureAwait(false);
        }
        _pendingClientReady.Clear();
        Volatile.Write(ref _readyState, Ready);
    }

    /// <summary>
    /// The handshake did not complete in time. A client that sent <c>client-ready</c> has it (and its held requests)
    /// answered with an error, a client that never did is told the handshake timed out; either way a fatal
    /// <c>error</c> follows and the session ends, so a silent connection never lingers.
    /// </summary>
    private async ValueTask<bool> OnHandshakeDeadlineAsync()
    {
        if (IsBotReady && IsClientReady)
        {
            return false;
        }
        SetEndReason(RtviSessionEndReason.HandshakeTimedOut);
        Log.HandshakeTimedOut(_logger, Id, _limits.HandshakeTimeout);
        await RefuseWaitingAsync(RtviErrorText.BotNotReady).ConfigureAwait(false);
        var text = IsClientReady ? RtviErrorText.BotNotReady : RtviErrorText.HandshakeTimedOut;
        await SendAsync(ServerMessageWriter.ErrorEvent(text, fatal: true)).ConfigureAwait(false);
        return true;
    }

    /// <summary>Answers every request held for bot-ready, then every waiting <c>client-ready</c>, with <paramref name="error"/>.</summary>
    private async ValueTask RefuseWaitingAsync(string error)
    {
        while (_held.TryDequeue(out var held))
        {
            _lanes.PendingBytes.Release(held.Bytes);
            await SendAsync(ServerMessageWriter.ErrorResponse(held.Envelope.Id!, error)).ConfigureAwait(false);
        }
        foreach (var id in _pendingClientReady)
        {
            await SendAsync(ServerMessageWriter.ErrorResponse(id, error)).ConfigureAwait(false);
        }
        _pendingClientReady.Clear();
    }

    private async ValueTask SendShutdownNoticeAsync()
    {
        if (Interlocked.Exchange(ref _shutdownNoticeSent, 1) == 0)
        {
            await RefuseWaitingAsync(RtviErrorText.ServerShuttingDown).ConfigureAwait(false);
            await SendAsync(ServerMessageWriter.ErrorEvent(RtviErrorText.ServerShuttingDown, fatal: true)).ConfigureAwait(false);
        }
    }

    private byte[] BotReadyMessage(string id) =>
        Generation == RtviClientGeneration.V0_3
            ? ServerMessageWriter.BotReady(id, _botReadyVersion, _config, Registry)
            : ServerMessageWriter.BotReady(id, _botReadyVersion, About);

    // ---- requests --------------------------------------------------------------------------------------------------

    private async ValueTask HandleUpdateConfigAsync(string id, UpdateConfigRequest request)
    {
        // Everything is validated and bound before anything runs: one failure applies nothing.
        var bound = ConfigState.Bind(Registry, request);
        if (request.Interrupt)
        {
            await InterruptCoreAsync(inline: true, default).ConfigureAwait(false);
        }
        foreach (var option in bound)
        {
            try
            {
                await ApplyOptionAsync(option, new RtviOptionContext(this, id, option.Descriptor.Service, option.Descriptor.Name)).ConfigureAwait(false);
            }
            catch (RtviRequestException exception)
            {
                await SendAsync(ServerMessageWriter.ErrorResponse(id, exception.Message)).ConfigureAwait(false);
                return;
            }
            _config.Set(option.Descriptor.Service, option.Descriptor.Name, option.Value);
        }
        await SendAsync(ServerMessageWriter.Config(id, _config)).ConfigureAwait(false);
    }

    private async ValueTask ApplyOptionAsync(BoundOption option, RtviOptionContext context)
    {
        var scope = InlineScope.Enter(this);
        try
        {
            await RtviTelemetry.MeasureAsync(RtviTelemetry.OptionKind, context.RequestId is null ? null : UpdateConfig, option.Descriptor.Key, (option, context, _ended.Token), static s => s.option.Apply(s.context, s.Token)).ConfigureAwait(false);
        }
        finally
        {
            scope.Deactivate();
        }
    }

    private ValueTask HandleActionAsync(string id, ActionRequest request, long bytes)
    {
        if (Registry.FindAction(request.Service, request.Action) is { } action)
        {
            // The lane releases the arguments once the handler is done.
            return _lanes.PostActionAsync(id, action, request.Arguments, null, bytes);
        }
        var error = RtviErrorText.ActionNotRegistered(request.Service.GetString()!, request.Action.GetString()!);
        request.Arguments.Release();
        return SendAsync(ServerMessageWriter.ErrorResponse(id, error));
    }

    private ValueTask HandleClientMessageAsync(string id, ClientMessageRequest request, long bytes)
    {
        if (Registry.FindClientMessage(request.T) is { } handler)
        {
            return _lanes.PostClientMessageAsync(id, handler, request, bytes);
        }
        var action = Registry.FindAction(request.T);
        return action is not null ? _lanes.PostActionAsync(id, action, RequestReader.ArgumentObject(request.D), request.T, bytes)
            : Registry.ClientMessageFallback is { } fallback ? _lanes.PostClientMessageAsync(id, new RtviClientMessageDescriptor(request.T, fallback), request, bytes)
            : SendAsync(ServerMessageWriter.ErrorResponse(id, RtviErrorText.NoClientMessageHandler(request.T)));
    }

    // ---- inline code -----------------------------------------------------------------------------------------------

    private async ValueTask InterruptCoreAsync(bool inline, CancellationToken cancellationToken)
    {
        var previous = Interlocked.Exchange(ref _interruption, new CancellationTokenSource());
        // Turn tokens (linked ones included) are cancelled before the epoch moves on; see SendTurnOutputAsync.
        await previous.CancelAsync().ConfigureAwait(false);
        _outbox.DropTurnOutput();
        if (Volatile.Read(ref _botAudio) is { } audio)
        {
            await audio.OnInterruptedAsync().ConfigureAwait(false);
        }
        await RunHookAsync("OnInterrupted", Hooks.OnInterrupted, static (h, s, ct) => h(s, ct), inline, cancellationToken).ConfigureAwait(false);
        if (Generation == RtviClientGeneration.V2)
        {
            await SendAsync(ServerMessageWriter.Build(BotInterrupted, null), cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask DeliverAudioAsync(RtviAudioFrame frame)
    {
        Volatile.Read(ref _audioInput)?.Write(frame);
        return RunHookAsync("OnAudio", Hooks.OnAudio, (h, s, ct) => h(s, frame, ct), inline: true, _ended.Token);
    }

    /// <summary>Runs an app hook; a throwing hook is logged. <paramref name="inline"/>: the dispatcher is waiting for it.</summary>
    internal async ValueTask RunHookAsync<THook>(string name, THook? hook, Func<THook, RtviSession, CancellationToken, ValueTask> invoke, bool inline, CancellationToken cancellationToken)
        where THook : class
    {
        if (hook is null)
        {
            return;
        }
        var scope = inline ? InlineScope.Enter(this) : null;
        try
        {
            await RtviTelemetry.MeasureAsync(RtviTelemetry.HookKind, null, name, (invoke, hook, session: this, cancellationToken), static s => s.invoke(s.hook, s.session, s.cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || _ended.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            Log.HookFailed(_logger, exception, Id, name);
        }
        finally
        {
            scope?.Deactivate();
        }
    }

}
