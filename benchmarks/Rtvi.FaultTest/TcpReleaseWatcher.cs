using System.Collections.Concurrent;
using System.Globalization;

namespace Rtvi.FaultTest;

/// <summary>
/// Sees a connection released by the server even when the client is not reading: polls <c>/proc/net/tcp{,6}</c> for the
/// server's end of each tracked connection (local port = server port, remote port = the client's port) and reports it
/// released once it leaves ESTABLISHED or disappears. A server that shuts down or closes its socket moves that end to
/// FIN_WAIT1 at once, even when its FIN is stuck behind data the client never reads. Loopback targets only (same host).
/// </summary>
internal sealed class TcpReleaseWatcher : IAsyncDisposable
{
    private const int Established = 0x01;
    private static readonly string[] s_tables = ["/proc/net/tcp", "/proc/net/tcp6"];

    private readonly int _serverPort;
    private readonly ConcurrentDictionary<int, Tracked> _tracked = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TcpReleaseWatcher(int serverPort, TimeSpan period)
    {
        _serverPort = serverPort;
        _loop = WatchAsync(period);
    }

    /// <summary>True once the server's end of some tracked connection was found (the tables are readable and shared).</summary>
    public bool EverSawServerSide { get; private set; }

    public void Track(FaultConnection connection) => _tracked[connection.ClientPort] = new Tracked(connection);

    public void Untrack(FaultConnection connection) => _tracked.TryRemove(connection.ClientPort, out _);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task WatchAsync(TimeSpan period)
    {
        using var timer = new PeriodicTimer(period);
        var states = new Dictionary<int, int>();
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (_tracked.IsEmpty)
                {
                    continue;
                }
                states.Clear();
                foreach (var table in s_tables)
                {
                    ReadServerSide(table, states);
                }
                foreach (var tracked in _tracked.Values)
                {
                    var found = states.TryGetValue(tracked.Connection.ClientPort, out var state);
                    if (found && state == Established)
                    {
                        tracked.SeenEstablished = true;
                        EverSawServerSide = true;
                    }
                    else if (tracked.SeenEstablished)
                    {
                        tracked.Connection.MarkReleased(found ? $"tcp {StateName(state)}" : "tcp gone");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposal stops the loop.
        }
    }

    /// <summary>Adds remote port → state for every socket whose local port is the server's.</summary>
    private void ReadServerSide(string table, Dictionary<int, int> states)
    {
        try
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // "  12: 0100007F:1F90 0100007F:A3C2 01 ..." = sl, local address:port, remote address:port, state (hex).
                var fields = line.Split(' ', 5, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4 || Port(fields[1]) != _serverPort)
                {
                    continue;
                }
                var remotePort = Port(fields[2]);
                var state = int.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                // A listening socket has remote port 0; a reused client port may still have a TIME_WAIT twin: the live one wins.
                if (remotePort != 0 && (!states.TryGetValue(remotePort, out var seen) || seen != Established))
                {
                    states[remotePort] = state;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No IPv6 table (or no /proc): the other table, or the client's own observations, still apply.
        }
    }

    private static int Port(string endpoint) =>
        int.Parse(endpoint.AsSpan(endpoint.LastIndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string StateName(int state) => state switch
    {
        0x02 => "SYN_SENT",
        0x03 => "SYN_RECV",
        0x04 => "FIN_WAIT1",
        0x05 => "FIN_WAIT2",
        0x06 => "TIME_WAIT",
        0x07 => "CLOSE",
        0x08 => "CLOSE_WAIT",
        0x09 => "LAST_ACK",
        0x0B => "CLOSING",
        _ => state.ToString("X2", CultureInfo.InvariantCulture),
    };

    private sealed class Tracked(FaultConnection connection)
    {
        public FaultConnection Connection { get; } = connection;

        public bool SeenEstablished { get; set; }
    }
}
