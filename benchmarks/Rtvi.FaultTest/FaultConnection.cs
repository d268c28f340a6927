using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Rtvi.FaultTest;

/// <summary>
/// One hostile client's WebSocket, and the first sign that the server released it: a close frame, a failed read or send,
/// or (via <see cref="TcpReleaseWatcher"/>) the server's end of the TCP connection closing. Socket calls take no
/// cancellation token, because cancelling aborts the socket and would look like a release; deadlines wait on the task
/// instead, and <see cref="Abandon"/> marks the connection as ours to end before aborting it.
/// </summary>
internal sealed class FaultConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly HttpMessageInvoker _invoker;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private bool _abandoned;
    private long _releasedAt;
    private Task _lastSend = Task.CompletedTask;
    private byte[] _buffer = new byte[64 * 1024];

    private FaultConnection(ClientWebSocket socket, HttpMessageInvoker invoker, int clientPort)
    {
        _socket = socket;
        _invoker = invoker;
        ClientPort = clientPort;
        ConnectedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>Largest message kept whole; a larger one is read and dropped (these scenarios only need small replies).</summary>
    public const int MaxKeptMessageBytes = 8 * 1024 * 1024;

    public int ClientPort { get; }

    /// <summary><see cref="Stopwatch"/> timestamp of the completed WebSocket handshake.</summary>
    public long ConnectedAt { get; }

    /// <summary>Completes when the server released the connection (never when the client ended it).</summary>
    public Task Released => _released.Task;

    public bool IsReleased => Released.IsCompleted;

    /// <summary>How the release was seen first: <c>close frame</c>, <c>read failed</c>, <c>send failed</c>, <c>tcp …</c>.</summary>
    public string? ReleasedBy { get; private set; }

    /// <summary>The last message a <see cref="ReceiveAsync"/> returned.</summary>
    public ReadOnlySpan<byte> Message => _buffer.AsSpan(0, MessageLength);

    private int MessageLength { get; set; }

    public static async Task<FaultConnection> OpenAsync(Uri url, TimeSpan timeout)
    {
        var clientPort = 0;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    clientPort = ((IPEndPoint)socket.LocalEndPoint!).Port;
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var invoker = new HttpMessageInvoker(handler, disposeHandler: true);
        // A silent client must be silent: no keep-alive pongs.
        var webSocket = new ClientWebSocket { Options = { KeepAliveInterval = TimeSpan.Zero } };
        try
        {
            using var deadline = new CancellationTokenSource(timeout);
            await webSocket.ConnectAsync(url, invoker, deadline.Token);
            return new FaultConnection(webSocket, invoker, clientPort);
        }
        catch
        {
            webSocket.Dispose();
            invoker.Dispose();
            throw;
        }
    }

    /// <summary>Time from <paramref name="start"/> to the release; null while not released.</summary>
    public TimeSpan? ReleasedSince(long start)
    {
        lock (_gate)
        {
            return _releasedAt == 0 ? null : Stopwatch.GetElapsedTime(start, _releasedAt);
        }
    }

    /// <summary>Records the server's release (the first call wins); ignored once the client abandoned the connection.</summary>
    public void MarkReleased(string how)
    {
        lock (_gate)
        {
            if (_abandoned || _releasedAt != 0)
            {
                return;
            }
            _releasedAt = Stopwatch.GetTimestamp();
            ReleasedBy = how;
        }
        _released.TrySetResult();
    }

    /// <summary>Sends one text message; gives up waiting (leaving the send pending) at a release or after <paramref name="timeout"/>.</summary>
    public async Task<SendOutcome> SendAsync(ReadOnlyMemory<byte> message, TimeSpan timeout)
    {
        if (IsReleased)
        {
            return SendOutcome.Released;
        }
        return await AwaitSendAsync(SendCoreAsync(message), timeout);
    }

    /// <summary>Sends a close frame (the client keeps its receive side open); same waiting rules as <see cref="SendAsync"/>.</summary>
    public async Task<SendOutcome> SendCloseAsync(TimeSpan timeout)
    {
        return await AwaitSendAsync(CloseOutputCoreAsync(), timeout);
    }

    /// <summary>Reads one whole message into <see cref="Message"/>; never throws (a failed read is a release).</summary>
    public async Task<ReceiveOutcome> ReceiveAsync()
    {
        var count = 0;
        try
        {
            while (true)
            {
                if (count == _buffer.Length)
                {
                    if (_buffer.Length < MaxKeptMessageBytes)
                    {
                        Array.Resize(ref _buffer, _buffer.Length * 2);
                    }
                    else
                    {
                        count = 0;
                    }
                }
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(count), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    MarkReleased("close frame");
                    MessageLength = 0;
                    return ReceiveOutcome.Close;
                }
                count += result.Count;
                if (result.EndOfMessage)
                {
                    MessageLength = count;
                    return ReceiveOutcome.Message;
                }
            }
        }
        catch (Exception e) when (IsSocketFailure(e))
        {
            MarkReleased("read failed");
            MessageLength = 0;
            return ReceiveOutcome.Failed;
        }
    }

    /// <summary>Sends client-ready and reads until bot-ready; throws <see cref="ScenarioException"/> if it does not come.</summary>
    public async Task HandshakeAsync(TimeSpan timeout)
    {
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        if (await SendAsync(RtviMessages.ClientReady, timeout) != SendOutcome.Sent)
        {
            throw new ScenarioException("client-ready could not be sent");
        }
        while (true)
        {
            var left = TimeSpan.FromSeconds(Math.Max(0, (until - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency));
            ReceiveOutcome outcome;
            try
            {
                outcome = await ReceiveAsync().WaitAsync(left);
            }
            catch (TimeoutException)
            {
                throw new ScenarioException($"no bot-ready within {timeout.TotalSeconds:F0} s");
            }
            if (outcome != ReceiveOutcome.Message)
            {
                throw new ScenarioException($"the server ended the connection before bot-ready ({ReleasedBy})");
            }
            if (EnvelopeSummary.Read(Message).Type == RtviMessages.BotReady)
            {
                return;
            }
        }
    }

    /// <summary>Ends the connection from the client side; from now on nothing counts as a server release.</summary>
    public void Abandon()
    {
        lock (_gate)
        {
            _abandoned = true;
        }
        _socket.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        Abandon();
        await _lastSend;
        _socket.Dispose();
        _invoker.Dispose();
    }

    private async Task<SendOutcome> AwaitSendAsync(Task<bool> send, TimeSpan timeout)
    {
        _lastSend = send;
        try
        {
            await Task.WhenAny(send, Released).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            return SendOutcome.TimedOut;
        }
        return send.IsCompleted && send.Result ? SendOutcome.Sent : SendOutcome.Released;
    }

    private async Task<bool> SendCoreAsync(ReadOnlyMemory<byte> message)
    {
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            return true;
        }
        catch (Exception e) when (IsSocketFailure(e))
        {
            MarkReleased("send failed");
            return false;
        }
    }

    private async Task<bool> CloseOutputCoreAsync()
    {
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            return true;
        }
        catch (Exception e) when (IsSocketFailure(e))
        {
            MarkReleased("send failed");
            return false;
        }
    }

    // InvalidOperationException: the socket is already Aborted/Closed, which only a server release or Abandon causes.
    private static bool IsSocketFailure(Exception e) =>
        e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException;
}
