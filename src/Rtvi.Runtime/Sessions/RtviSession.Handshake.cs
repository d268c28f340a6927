using System.Text.Json;
using Rtvi.Protocol;
using Rtvi.Sessions;

namespace Rtvi;

public sealed partial class RtviSession
{
    private string? _clientReadyId;
    private volatile bool _dispatcherParked;
    private readonly SemaphoreSlim _readyLock = new(1, 1);

    /// <summary>
    /// Declares the bot ready: applies the current config through the option handlers, sends <c>bot-ready</c> (now, or
    /// as soon as <c>client-ready</c> arrives) and then processes the requests held until now, in arrival order.
    /// </summary>
    public async ValueTask SetBotReadyAsync(CancellationToken cancellationToken = default)
    {
        if (IsBotReady || _ended.IsCancellationRequested)
        {
            return;
        }
        if (_dispatcherParked)
        {
            // Called from a hook the dispatcher is awaiting: do it here, the dispatcher releases held requests after.
            await BecomeReadyAsync().ConfigureAwait(false);
            return;
        }
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inbox.Writer.WriteAsync(new InboxItem(InboxKind.BotReady, default, completion), cancellationToken).ConfigureAwait(false);
        using var registration = _ended.Token.Register(static c => ((TaskCompletionSource)c!).TrySetResult(), completion);
        await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask RunInlineHookAsync<THook>(string name, THook? hook, Func<THook, RtviSession, CancellationToken, ValueTask> invoke)
        where THook : class
    {
        _dispatcherParked = true;
        try
        {
            await RunHookAsync(name, hook, invoke, _ended.Token).ConfigureAwait(false);
        }
        finally
        {
            _dispatcherParked = false;
        }
    }

    private async ValueTask HandleClientReadyAsync(string id, JsonElement data)
    {
        var version = PayloadReader.Member(data, "version");
        var about = PayloadReader.Member(data, "about");
        var negotiation = VersionNegotiation.Negotiate(Mode, version);
        Generation = negotiation.Generation;
        _clientVersion = negotiation.Version;
        _botReadyVersion = negotiation.BotReadyVersion;
        ClientVersion = version.ValueKind == JsonValueKind.String ? version.GetString() : null;
        ClientAbout = about.ValueKind == JsonValueKind.Object ? about : null;
        IsClientReady = true;
        _clientReadyId = id;
        if (negotiation.Error is not null)
        {
            await SendAsync(MessageWriter.ErrorResponse(id, negotiation.Error)).ConfigureAwait(false);
        }

        var info = new RtviClientReady(ClientVersion, ClientAbout);
        var wasReady = IsBotReady;
        await RunInlineHookAsync("OnClientReady", _server.Options.Hooks.OnClientReady, (h, s, ct) => h(s, info, ct)).ConfigureAwait(false);
        if (wasReady)
        {
            await SendAsync(BotReadyMessage(id)).ConfigureAwait(false);
        }
        else if (!IsBotReady && _server.Options.AutoBotReady)
        {
            await BecomeReadyAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The client said it is ready but the bot never became ready in time: the client's handshake would wait forever,
    /// so its <c>client-ready</c> is answered with an error, a fatal <c>error</c> follows and the session ends.
    /// </summary>
    private async ValueTask OnHandshakeExpiredAsync()
    {
        await ProcessHeldAsync().ConfigureAwait(false);
        if (IsBotReady || !IsClientReady)
        {
            return;
        }
        await SendAsync(MessageWriter.ErrorResponse(_clientReadyId!, RtviErrorText.BotNotReady)).ConfigureAwait(false);
        await SendErrorAsync(RtviErrorText.BotNotReady, fatal: true).ConfigureAwait(false);
    }

    private async ValueTask BecomeReadyAsync()
    {
        await _readyLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (IsBotReady)
            {
                return;
            }
            await ApplyInitialConfigAsync().ConfigureAwait(false);
            IsBotReady = true;
            if (IsClientReady)
            {
                await SendAsync(BotReadyMessage(_clientReadyId!)).ConfigureAwait(false);
            }
        }
        finally
        {
            _readyLock.Release();
        }
    }

    private (int Major, int Minor, int Patch) _clientVersion = (0, 3, 0);
    private string _botReadyVersion = RtviProtocolVersions.V0_3;

    /// <summary>Whether the client is at least the given 1.x/2.x version.</summary>
    internal bool ClientAtLeast(int major, int minor) => Generation switch
    {
        RtviClientGeneration.V2 => true,
        RtviClientGeneration.V0_3 => false,
        _ => _clientVersion.Major > major || (_clientVersion.Major == major && _clientVersion.Minor >= minor),
    };

    private byte[] BotReadyMessage(string id) =>
        MessageWriter.Build(RtviMessageTypes.BotReady, id, this, static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("version"u8, s._botReadyVersion);
            if (s.Generation == RtviClientGeneration.V0_3)
            {
                w.WritePropertyName("config"u8);
                s.WriteConfigValues(w);
                w.WritePropertyName("actions"u8);
                s.WriteActionDescriptors(w);
            }
            else
            {
                var about = s._server.Options.About;
                w.WriteStartObject("about"u8);
                w.WriteString("library"u8, about.Library);
                if (about.LibraryVersion is not null)
                {
                    w.WriteString("library_version"u8, about.LibraryVersion);
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        });
}
