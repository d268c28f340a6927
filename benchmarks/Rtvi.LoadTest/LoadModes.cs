using System.Diagnostics;

namespace Rtvi.LoadTest;

/// <summary>The three workloads, each run the same way against the target and the floor.</summary>
internal static class LoadModes
{
    public static Task<RunResult> RunAsync(string name, Uri url, LoadOptions options, int? pid) => options.Mode switch
    {
        "closed" => ClosedLoopAsync(name, url, options),
        "open" => OpenLoopAsync(name, url, options),
        "idle" => IdleAsync(name, url, options, pid),
        _ => throw new ArgumentException($"unknown mode '{options.Mode}'"),
    };

    /// <summary>Every session sends its next request when the previous answer arrived: the throughput the server sustains.</summary>
    private static async Task<RunResult> ClosedLoopAsync(string name, Uri url, LoadOptions options)
    {
        using var progress = new Progress(name);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var clients = await ConnectAllAsync(url, options, progress, deadline.Token);
        var latencies = new List<double>[clients.Length];
        var failures = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async (client, c) =>
        {
            var own = latencies[c] = new List<double>(options.Requests);
            try
            {
                for (var i = 0; i < options.Requests; i++)
                {
                    var id = $"c{c}r{i}";
                    var start = Stopwatch.GetTimestamp();
                    await client.SendAsync(LoadClient.Request(options.Request, id, i), deadline.Token);
                    while (await client.ReceiveIdAsync(deadline.Token) != id)
                    {
                    }
                    own.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    progress.RoundTrip();
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Interlocked.Increment(ref failures);
            }
        }));
        total.Stop();
        await DisposeAllAsync(clients);
        return RunResult.From(name, options, [.. latencies.SelectMany(l => l)], total.Elapsed.TotalSeconds, failures);
    }

    /// <summary>
    /// Every session sends at a fixed rate whatever the answers do (open loop); a latency counts from the time the
    /// request was due, so a server that falls behind is charged for the wait (no coordinated omission).
    /// </summary>
    private static async Task<RunResult> OpenLoopAsync(string name, Uri url, LoadOptions options)
    {
        using var progress = new Progress(name);
        using var deadline = new CancellationTokenSource(options.Duration + TimeSpan.FromMinutes(2));
        var clients = await ConnectAllAsync(url, options, progress, deadline.Token);
        var perSession = (int)Math.Max(1, Math.Round(options.Rate * options.Duration.TotalSeconds));
        var interval = TimeSpan.FromSeconds(1 / options.Rate);
        var latencies = new List<double>[clients.Length];
        var failures = 0;
        var origin = Stopwatch.GetTimestamp();
        var total = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async (client, c) =>
        {
            var due = new long[perSession];
            var own = latencies[c] = new List<double>(perSession);
            // Sessions start spread evenly over one interval, as independent clients would.
            var phase = interval * c / clients.Length;
            var sender = Task.Run(async () =>
            {
                for (var i = 0; i < perSession; i++)
                {
                    var at = origin + (long)((phase + interval * i).TotalSeconds * Stopwatch.Frequency);
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), at);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, deadline.Token);
                    }
                    Volatile.Write(ref due[i], at);
                    await client.SendAsync(LoadClient.Request(options.Request, $"o{i}", i), deadline.Token);
                }
            });
            try
            {
                for (var received = 0; received < perSession;)
                {
                    if (await client.ReceiveIdAsync(deadline.Token) is ['o', .. var rest] && int.TryParse(rest, out var i) && i < perSession)
                    {
                        own.Add(Stopwatch.GetElapsedTime(Volatile.Read(ref due[i])).TotalMilliseconds);
                        progress.RoundTrip();
                        received++;
                    }
                }
                await sender;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Interlocked.Increment(ref failures);
            }
        }));
        total.Stop();
        await DisposeAllAsync(clients);
        return RunResult.From(name, options, [.. latencies.SelectMany(l => l)], total.Elapsed.TotalSeconds, failures);
    }

    /// <summary>Sessions connect, complete the handshake and stay idle; the server's RSS is read before and after.</summary>
    private static async Task<RunResult> IdleAsync(string name, Uri url, LoadOptions options, int? pid)
    {
        var before = ProcessMemory.RssKiB(pid);
        LoadClient[] clients;
        using (var progress = new Progress(name))
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            clients = await ConnectAllAsync(url, options, progress, deadline.Token);
        }
        await Task.Delay(options.Duration);
        var after = ProcessMemory.RssKiB(pid);
        var connected = clients.Count(c => c is not null);
        await DisposeAllAsync(clients);
        return new RunResult(name, options.Mode, options.Framing, connected, 0, options.Duration.TotalSeconds, 0, double.NaN, double.NaN, double.NaN,
            before, after, before is { } b && after is { } a && connected > 0 ? (a - b) / (double)connected : null, options.Clients - connected);
    }

    private static async Task<LoadClient[]> ConnectAllAsync(Uri url, LoadOptions options, Progress progress, CancellationToken cancellationToken)
    {
        var clients = new LoadClient[options.Clients];
        // At most 64 handshakes in flight: a connect storm measures the accept queue, not the sessions.
        using var gate = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async c =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var client = new LoadClient(url, options.Framing == "protobuf");
                await client.ConnectAsync(cancellationToken);
                clients[c] = client;
                progress.SessionConnected();
            }
            finally
            {
                gate.Release();
            }
        }));
        return clients;
    }

    private static async Task DisposeAllAsync(LoadClient[] clients)
    {
        foreach (var chunk in clients.Where(c => c is not null).Chunk(256))
        {
            await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask()));
        }
    }
}
