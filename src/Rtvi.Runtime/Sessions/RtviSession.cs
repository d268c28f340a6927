using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Rtvi.Protocol;
using Rtvi.Sessions;
using Rtvi.Transports;

namespace Rtvi;

/// <summary>
/// One client session: owns the handshake state, the config values, pending function calls and the outbox of one
/// connection. Handlers receive it through their context; apps use it to send events, relay function calls and
/// control readiness and interruption.
/// </summary>
public sealed partial class RtviSession
{
    private readonly RtviServer _server;
    private readonly RtviConnection _connection;
    private readonly ILogger _logger;
    private readonly RtviLimits _limits;
    private readonly Channel<InboxItem> _inbox;
    private readonly Channel<OutboxItem> _outbox;
    private readonly Channel<Func<ValueTask>> _actionLane;
    private readonly Channel<Func<ValueTask>> _eventLane;
    private readonly CancellationTokenSource _ended = new();
    private CancellationTokenSource _interruption = new();
    private int _endRequested;

    internal RtviSession(RtviServer server, RtviConnection connection, IServiceProvider services, ILogger logger)
    {
        _server = server;
        _connection = connection;
        _logger = logger;
        _limits = server.Options.Limits;
        Services = services;
        Events = new RtviEvents(this);
        _config = new ConfigStore(server.Options.InitialConfig);
        _inbox = Channel.CreateBounded<InboxItem>(new BoundedChannelOptions(_limits.InboxCapacity) { SingleReader = true });
        _outbox = Channel.CreateBounded<OutboxItem>(new BoundedChannelOptions(_limits.OutboxCapacity) { SingleReader = true });
        _actionLane = Channel.CreateBounded<Func<ValueTask>>(new BoundedChannelOptions(_limits.MaxPendingActions) { SingleReader = true });
        _eventLane = Channel.CreateBounded<Func<ValueTask>>(new BoundedChannelOptions(_limits.MaxPendingEvents) { SingleReader = true });
        Generation = server.Options.Mode == RtviProtocolMode.V2 ? RtviClientGeneration.V2 : RtviClientGeneration.V0_3;
    }

    /// <summary>A short unique id for logs.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];

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

    /// <summary>Whether the bot is ready (<c>bot-ready</c> sent or due on <c>client-ready</c>).</summary>
    public bool IsBotReady { get; private set; }

    /// <summary>Typed bot and user events, written for the client's protocol generation.</summary>
    public RtviEvents Events { get; }

    /// <summary>Cancelled when the session ends.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>Cancelled at the next interruption (then replaced by a fresh token).</summary>
    public CancellationToken InterruptionToken => Volatile.Read(ref _interruption).Token;

    /// <summary>Per-session application state.</summary>
    public IDictionary<string, object?> Items { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>A snapshot of the current config values.</summary>
    public IReadOnlyList<RtviServiceConfig> GetConfig() => _config.Snapshot();

    /// <summary>
    /// Interrupts the bot: cancels <see cref="InterruptionToken"/>, runs the interruption hook and tells 2.x clients
    /// (<c>bot-interrupted</c>).
    /// </summary>
    public async ValueTask InterruptAsync(CancellationToken cancellationToken = default)
    {
        var previous = Interlocked.Exchange(ref _interruption, new CancellationTokenSource());
        await previous.CancelAsync().ConfigureAwait(false);
        await RunHookAsync("OnInterrupted", _server.Options.Hooks.OnInterrupted, static (h, s, ct) => h(s, ct), cancellationToken).ConfigureAwait(false);
        if (Generation == RtviClientGeneration.V2)
        {
            await SendAsync(MessageWriter.Build(RtviMessageTypes.BotInterrupted, null), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends the <c>error</c> event; with <paramref name="fatal"/> the session ends after it is sent.</summary>
    public async ValueTask SendErrorAsync(string error, bool fatal = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        await SendAsync(MessageWriter.ErrorEvent(error, fatal), cancellationToken).ConfigureAwait(false);
        if (fatal)
        {
            RequestEnd();
        }
    }

    /// <summary>Sends bot audio (16-bit PCM) on transports that carry audio; a no-op elsewhere.</summary>
    public ValueTask SendAudioAsync(ReadOnlyMemory<byte> pcm, int sampleRate, int numChannels, CancellationToken cancellationToken = default) =>
        _connection.SupportsAudio
            ? EnqueueAsync(new OutboxItem(pcm.ToArray(), sampleRate, numChannels), cancellationToken)
            : default;

    /// <summary>Ends the session: pending work is cancelled, what was already sent is flushed, the connection closes.</summary>
    public void Disconnect() => RequestEnd();

    internal ValueTask SendAsync(byte[] message, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new OutboxItem(message, 0, 0), cancellationToken);

    private async ValueTask EnqueueAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        if (_ended.IsCancellationRequested || _outbox.Writer.TryWrite(item))
        {
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _ended.Token);
        timeout.CancelAfter(_limits.OutboxSendTimeout);
        try
        {
            await _outbox.Writer.WriteAsync(item, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (!_ended.IsCancellationRequested)
            {
                Log.OutboxStalled(_logger, Id, _limits.OutboxSendTimeout);
                Abort();
            }
        }
        catch (ChannelClosedException)
        {
            // The session is ending; late messages are dropped.
        }
    }

    private void RequestEnd()
    {
        if (Interlocked.Exchange(ref _endRequested, 1) == 0)
        {
            _inbox.Writer.TryWrite(InboxItem.End);
        }
    }

    private void Abort()
    {
        RequestEnd();
        _ended.Cancel();
    }

    private async ValueTask RunHookAsync<THook>(string name, THook? hook, Func<THook, RtviSession, CancellationToken, ValueTask> invoke, CancellationToken cancellationToken)
        where THook : class
    {
        if (hook is null)
        {
            return;
        }
        try
        {
            await invoke(hook, this, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || _ended.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            Log.HookFailed(_logger, exception, Id, name);
        }
    }

    private readonly record struct OutboxItem(byte[] Payload, int SampleRate, int NumChannels)
    {
        public bool IsAudio => SampleRate > 0;
    }

    private enum InboxKind { Frame, Deadline, BotReady, End }

    private readonly record struct InboxItem(InboxKind Kind, RtviInboundFrame Frame, TaskCompletionSource? Completion)
    {
        public static InboxItem End => new(InboxKind.End, default, null);
        public static InboxItem Deadline => new(InboxKind.Deadline, default, null);
    }
}
