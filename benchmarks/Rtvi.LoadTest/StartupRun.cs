using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Rtvi.LoadTest;

/// <summary>
/// Process start → first answered handshake (<c>bot-ready</c>, or the echo of <c>client-ready</c> for the floor): the
/// server binary is started on a free loopback port, connected to as soon as the port accepts, and killed after.
/// </summary>
internal static class StartupRun
{
    /// <summary>Runs <paramref name="executable"/> <paramref name="runs"/> times; <c>{port}</c> in the arguments is the port.</summary>
    public static async Task<List<double>> MeasureAsync(string executable, string arguments, int runs)
    {
        var times = new List<double>(runs);
        for (var run = 0; run < runs; run++)
        {
            var port = FreePort();
            var url = new Uri($"ws://127.0.0.1:{port}/ws");
            var start = new ProcessStartInfo(executable, arguments.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {executable}");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                while (true)
                {
                    await using var client = new LoadClient(url, protobuf: false);
                    try
                    {
                        await client.ConnectAsync(deadline.Token);
                        break;
                    }
                    catch (WebSocketException) when (!deadline.IsCancellationRequested)
                    {
                        await Task.Delay(1, deadline.Token);
                    }
                }
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        return times;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
