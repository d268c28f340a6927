namespace Rtvi.FaultTest.Scenarios;

/// <summary>
/// One scenario's connections and memory window: <see cref="OpenAsync"/> connects and starts watching a connection;
/// <see cref="EndAsync"/> abandons whatever is still open, lets the server settle and reads baseline, peak and after.
/// </summary>
internal sealed class ScenarioContext : IAsyncDisposable
{
    private readonly RssSampler _rss;
    private readonly TcpReleaseWatcher _watcher;
    private readonly List<FaultConnection> _connections = [];
    private readonly Lock _gate = new();
    private readonly double? _baseline;
    private RssReading? _reading;
    private int _opened;

    public ScenarioContext(FaultTestOptions options, RssSampler rss, TcpReleaseWatcher watcher)
    {
        Options = options;
        _rss = rss;
        _watcher = watcher;
        _rss.ResetPeak();
        _baseline = rss.CurrentMiB;
    }

    public FaultTestOptions Options { get; }

    /// <summary>Connections opened so far.</summary>
    public int Opened => Volatile.Read(ref _opened);

    /// <summary>True if the TCP tables showed the server's end of a connection at least once (so a non-reading client can see releases).</summary>
    public bool TcpWatchWorks => _watcher.EverSawServerSide;

    public async Task<FaultConnection> OpenAsync()
    {
        var connection = await FaultConnection.OpenAsync(Options.Url, TimeSpan.FromSeconds(10));
        lock (_gate)
        {
            _connections.Add(connection);
        }
        Interlocked.Increment(ref _opened);
        _watcher.Track(connection);
        return connection;
    }

    /// <summary>Ends every connection the server has not, waits the settle time and reads the memory window (once).</summary>
    public async Task<RssReading> EndAsync()
    {
        if (_reading is { } reading)
        {
            return reading;
        }
        await CloseAllAsync();
        await Task.Delay(Options.Settle);
        _reading = reading = new RssReading(_baseline, _rss.PeakMiB, _rss.CurrentMiB);
        return reading;
    }

    public async ValueTask DisposeAsync() => await CloseAllAsync();

    private async Task CloseAllAsync()
    {
        FaultConnection[] connections;
        lock (_gate)
        {
            connections = [.. _connections];
            _connections.Clear();
        }
        foreach (var connection in connections)
        {
            _watcher.Untrack(connection);
            await connection.DisposeAsync();
        }
    }
}
