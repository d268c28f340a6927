namespace Rtvi.FaultTest;

/// <summary>Samples a process's resident set size (<c>VmRSS</c> in <c>/proc/&lt;pid&gt;/status</c>) on a fixed period.</summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private double? _current;
    private double? _peak;

    public RssSampler(int pid, TimeSpan period)
    {
        _pid = pid;
        _current = ReadMiB(pid);
        _peak = _current;
        _loop = SampleAsync(period);
    }

    /// <summary>The latest sample in MiB; null once the process is gone.</summary>
    public double? CurrentMiB
    {
        get { lock (_gate) { return _current; } }
    }

    /// <summary>The highest sample since the last <see cref="ResetPeak"/>.</summary>
    public double? PeakMiB
    {
        get { lock (_gate) { return _peak; } }
    }

    /// <summary>True once a sample found no such process (the server exited or crashed).</summary>
    public bool ProcessGone { get; private set; }

    public void ResetPeak()
    {
        lock (_gate)
        {
            _peak = _current;
        }
    }

    public static double? ReadMiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    // "VmRSS:    123456 kB"
                    var kb = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim());
                    return kb / 1024.0;
                }
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task SampleAsync(TimeSpan period)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var sample = ReadMiB(_pid);
                lock (_gate)
                {
                    _current = sample;
                    if (sample is null)
                    {
                        ProcessGone = true;
                    }
                    else if (_peak is null || sample > _peak)
                    {
                        _peak = sample;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposal stops the loop.
        }
    }
}
