using System.Threading.Channels;
using Rtvi.Transports;

namespace Rtvi;

public sealed partial class RtviSession
{
    private Timer? _handshakeTimer;
    private volatile bool _handshakeExpired;
    private volatile bool _inputClosed;

    /// <summary>Runs the session until the client leaves, <c>disconnect-bot</c> arrives or the token is cancelled.</summary>
    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        Log.SessionStarted(_logger, Id);
        using var stop = cancellationToken.Register(static s => ((RtviSession)s!).RequestEnd(), this);
        var writer = Task.Run(WriteLoopAsync, CancellationToken.None);
        var actions = Task.Run(() => LaneLoopAsync(_actionLane.Reader), CancellationToken.None);
        var events = Task.Run(() => LaneLoopAsync(_eventLane.Reader), CancellationToken.None);
        _handshakeTimer = new Timer(static s => ((RtviSession)s!).OnHandshakeDeadline(), this, _limits.HandshakeTimeout, Timeout.InfiniteTimeSpan);
        Task? receiver = null;
        try
        {
            await RunInlineHookAsync("OnSessionStarted", _server.Options.Hooks.OnSessionStarted, static (h, s, ct) => h(s, ct)).ConfigureAwait(false);
            receiver = Task.Run(ReceiveLoopAsync, CancellationToken.None);
            await DispatchLoopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _handshakeTimer.DisposeAsync().ConfigureAwait(false);
            _actionLane.Writer.TryComplete();
            _eventLane.Writer.TryComplete();
            var lanes = Task.WhenAll(actions, events);
            if (_inputClosed && !_ended.IsCancellationRequested)
            {
                // The client stopped sending: let queued work finish (bounded) so that every request is answered.
                await Task.WhenAny(lanes, Task.Delay(_limits.ShutdownGracePeriod)).ConfigureAwait(false);
            }
            await _ended.CancelAsync().ConfigureAwait(false);
            CancelPendingFunctionCalls();
            await lanes.ConfigureAwait(false);
            if (receiver is not null)
            {
                await receiver.ConfigureAwait(false);
            }
            _outbox.Writer.TryComplete();
            await writer.ConfigureAwait(false);
            try
            {
                await _connection.CloseAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                Log.TransportFailed(_logger, exception, Id);
            }
            await RunHookAsync("OnSessionEnded", _server.Options.Hooks.OnSessionEnded, static (h, s, _) => h(s), CancellationToken.None).ConfigureAwait(false);
            Log.SessionEnded(_logger, Id);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!_ended.IsCancellationRequested)
            {
                var frame = await _connection.ReceiveAsync(_limits.MaxMessageBytes, _ended.Token).ConfigureAwait(false);
                if (frame.Kind == RtviFrameKind.Closed)
                {
                    _inputClosed = true;
                    break;
                }
                await _inbox.Writer.WriteAsync(new InboxItem(InboxKind.Frame, frame, null), _ended.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_ended.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException)
        {
        }
        catch (Exception exception)
        {
            Log.TransportFailed(_logger, exception, Id);
        }
        RequestEnd();
    }

    private async Task WriteLoopAsync()
    {
        var broken = false;
        await foreach (var item in _outbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (broken)
            {
                continue;
            }
            try
            {
                if (item.IsAudio)
                {
                    await _connection.SendAudioAsync(item.Payload, item.SampleRate, item.NumChannels, CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    await _connection.SendMessageAsync(item.Payload, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception exception)
            {
                Log.TransportFailed(_logger, exception, Id);
                broken = true;
                Abort();
            }
        }
    }

    private async Task LaneLoopAsync(ChannelReader<Func<ValueTask>> lane)
    {
        try
        {
            await foreach (var work in lane.ReadAllAsync(_ended.Token).ConfigureAwait(false))
            {
                await work().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_ended.IsCancellationRequested)
        {
        }
    }

    private async Task DispatchLoopAsync()
    {
        var reader = _inbox.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                switch (item.Kind)
                {
                    case InboxKind.End:
                        return;
                    case InboxKind.Frame:
                        await DispatchFrameAsync(item.Frame).ConfigureAwait(false);
                        break;
                    case InboxKind.BotReady:
                        await BecomeReadyAsync().ConfigureAwait(false);
                        item.Completion!.TrySetResult();
                        break;
                    case InboxKind.Deadline:
                        await OnHandshakeExpiredAsync().ConfigureAwait(false);
                        break;
                }
                await ProcessHeldAsync().ConfigureAwait(false);
                if (_ended.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private void OnHandshakeDeadline()
    {
        _handshakeExpired = true;
        _inbox.Writer.TryWrite(InboxItem.Deadline);
    }
}
