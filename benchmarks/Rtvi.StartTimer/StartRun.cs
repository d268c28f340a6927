using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rtvi.StartTimer;

/// <summary>
/// One run: the clock starts just before the server process is spawned and stops when its answer to
/// <c>client-ready</c> has arrived. The client is deliberately minimal and synchronous (a blocking socket, a hand-written
/// HTTP upgrade and WebSocket framing), so that the time is the server's: no client-side JIT, thread-pool ramp-up or
/// TLS/HTTP stack. Between refused connects it sleeps 1 ms (rather than spinning, which would take a core from the
/// server on a 2-core machine), so "port accepts" is late by up to about a millisecond.
/// </summary>
internal static class StartRun
{
    private static readonly byte[] s_clientReady =
        """{"label":"rtvi-ai","type":"client-ready","id":"ready","data":{"version":"2.1.0"}}"""u8.ToArray();

    public static StartTimes Measure(StartTimerOptions options)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(options.Executable, options.Arguments.Replace("{port}", port.ToString(CultureInfo.InvariantCulture)))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Where a deployment runs it (a container's /app): the content root is the binary's folder, so the host's
            // configuration-file watcher does not walk whatever tree the timer was started in.
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(options.Executable)),
        };
        var start = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {options.Executable}");
        var spawned = StartTimes.Since(start);
        // Drained in the background so that a talkative server never blocks on a full pipe.
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var socket = ConnectWhenAccepting(port, process, TimeSpan.FromSeconds(30));
            var accepts = StartTimes.Since(start);
            Upgrade(socket, port, options.Path);
            var upgraded = StartTimes.Since(start);
            SendText(socket, s_clientReady);
            while (ReceiveText(socket) is var text && !options.Echo && !text.Contains("\"bot-ready\"", StringComparison.Ordinal))
            {
            }
            var answered = StartTimes.Since(start);
            return new StartTimes(spawned, accepts, upgraded, answered, CpuMilliseconds(process.Id));
        }
        finally
        {
            // The servers start no processes of their own (killing a tree would scan every process on the machine).
            process.Kill();
            process.WaitForExit();
        }
    }

    /// <summary>
    /// The CPU time the server's threads have used so far (Linux: the first field of each thread's schedstat, in ns;
    /// threads that already exited are not counted). On a shared machine the wall time includes waiting for a core;
    /// this does not. NaN elsewhere.
    /// </summary>
    private static double CpuMilliseconds(int pid)
    {
        try
        {
            long nanoseconds = 0;
            foreach (var thread in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                var fields = File.ReadAllText(Path.Combine(thread, "schedstat")).Split(' ');
                nanoseconds += long.Parse(fields[0], CultureInfo.InvariantCulture);
            }
            return nanoseconds / 1e6;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    private static Socket ConnectWhenAccepting(int port, Process process, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Connect(IPAddress.Loopback, port);
                socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
                return socket;
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
            {
                socket.Dispose();
                if (process.HasExited || Stopwatch.GetTimestamp() > deadline)
                {
                    throw new InvalidOperationException(process.HasExited
                        ? $"the server exited ({process.ExitCode}) before accepting on port {port}"
                        : $"the server did not accept on port {port} within {timeout}");
                }
                Thread.Sleep(1);
            }
        }
    }

    private static void Upgrade(Socket socket, int port, string path)
    {
        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        socket.Send(Encoding.ASCII.GetBytes(
            $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        // The response head, byte by byte: nothing after the blank line may be consumed here (frames follow it).
        var head = new StringBuilder();
        Span<byte> one = stackalloc byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            ReadExactly(socket, one);
            head.Append((char)one[0]);
        }
        if (!head.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the upgrade was refused: {head.ToString().Split('\r')[0]}");
        }
    }

    /// <summary>One masked, final text frame (RFC 6455 §5.2; the mask may be anything, zeros leave the payload as is).</summary>
    private static void SendText(Socket socket, byte[] payload)
    {
        if (payload.Length > 125)
        {
            throw new ArgumentException("a short message is expected", nameof(payload));
        }
        var frame = new byte[2 + 4 + payload.Length];
        frame[0] = 0x81;
        frame[1] = (byte)(0x80 | payload.Length);
        payload.CopyTo(frame, 6);
        socket.Send(frame);
    }

    /// <summary>The next text message (server frames are unmasked); other frames are skipped; a close ends the run.</summary>
    private static string ReceiveText(Socket socket)
    {
        Span<byte> header = stackalloc byte[8];
        while (true)
        {
            ReadExactly(socket, header[..2]);
            var opcode = header[0] & 0x0F;
            long length = header[1] & 0x7F;
            if (length == 126)
            {
                ReadExactly(socket, header[..2]);
                length = BinaryPrimitives.ReadUInt16BigEndian(header);
            }
            else if (length == 127)
            {
                ReadExactly(socket, header);
                length = BinaryPrimitives.ReadInt64BigEndian(header);
            }
            if (length is < 0 or > 1 << 20)
            {
                throw new InvalidOperationException($"unexpected frame length {length}");
            }
            var payload = new byte[length];
            ReadExactly(socket, payload);
            switch (opcode)
            {
                case 0x1:
                    return Encoding.UTF8.GetString(payload);
                case 0x8:
                    throw new InvalidOperationException("the server closed the WebSocket before answering");
            }
        }
    }

    private static void ReadExactly(Socket socket, Span<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var read = socket.Receive(buffer);
            if (read == 0)
            {
                throw new InvalidOperationException("the server closed the connection");
            }
            buffer = buffer[read..];
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
