namespace Rtvi.LoadTest;

/// <summary>A live line on stderr, once a second: sessions connected and round trips done so far.</summary>
internal sealed class Progress : IDisposable
{
    private readonly Timer _timer;
    private readonly string _name;
    private readonly DateTime _start = DateTime.UtcNow;
    private long _roundTrips;
    private int _sessions;

    public Progress(string name)
    {
        _name = name;
        _timer = new Timer(_ => Print(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void SessionConnected() => Interlocked.Increment(ref _sessions);

    public void RoundTrip() => Interlocked.Increment(ref _roundTrips);

    public void Dispose()
    {
        _timer.Dispose();
        Print();
        Console.Error.WriteLine();
    }

    private void Print() => Console.Error.Write(
        $"\r{_name}: {(DateTime.UtcNow - _start).TotalSeconds,5:F0} s, {Volatile.Read(ref _sessions),6} sessions, {Interlocked.Read(ref _roundTrips),9} round trips   ");
}
