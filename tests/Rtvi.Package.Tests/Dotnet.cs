using System.Diagnostics;
using System.Text;

namespace Rtvi.Package.Tests;

/// <summary>Runs the dotnet CLI (or a built app) as a child process with a deadline, capturing its output.</summary>
public static class Dotnet
{
    public static string HostPath => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    public sealed record Result(int ExitCode, string Output, string StandardOutput);

    /// <summary>Starts a long-running <c>dotnet</c> process (an app); disposing it kills the process tree.</summary>
    public static Running Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        StartExecutable(HostPath, workingDirectory, environment, arguments);

    /// <summary>Starts a long-running native executable (a Native AOT app); disposing it kills the process tree.</summary>
    public static Running StartExecutable(string path, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = CreateStartInfo(path, workingDirectory, environment, arguments);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        return new Running(process);
    }

    /// <summary>A running app and everything it printed so far.</summary>
    public sealed class Running : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly Task _pumps;

        internal Running(Process process)
        {
            _process = process;
            _process.StandardInput.Close();
            _pumps = Task.WhenAll(PumpAsync(process.StandardOutput, _output, null), PumpAsync(process.StandardError, _output, null));
        }

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            await _process.WaitForExitAsync();
            await _pumps.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            _process.Dispose();
        }
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout,
        string? standardInput, params string[] arguments) =>
        RunAsync(CreateStartInfo(HostPath, workingDirectory, environment, arguments), timeout, standardInput);

    /// <summary>Runs the program <paramref name="fileName"/> (a published native app) like <see cref="RunAsync(string, IReadOnlyDictionary{string, string}?, TimeSpan, string?, string[])"/>.</summary>
    public static Task<Result> RunProgramAsync(string fileName, string workingDirectory, TimeSpan timeout, string? standardInput, params string[] arguments) =>
        RunAsync(CreateStartInfo(fileName, workingDirectory, null, arguments), timeout, standardInput);

    private static ProcessStartInfo CreateStartInfo(string fileName, string workingDirectory, IReadOnlyDictionary<string, string>? environment, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // Variables the test host inherits from an outer `dotnet test` would redirect the inner MSBuild.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildLoadMicrosoftTargetsReadOnly");
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }
        return start;
    }

    private static async Task<Result> RunAsync(ProcessStartInfo start, TimeSpan timeout, string? standardInput)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var all = new StringBuilder();
        var stdout = new StringBuilder();
        var pumpOut = PumpAsync(process.StandardOutput, all, stdout);
        var pumpErr = PumpAsync(process.StandardError, all, null);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            await process.StandardInput.FlushAsync();
        }
        // Closing stdin ends an RTVI stdio session; build commands never read it.
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await Task.WhenAll(pumpOut, pumpErr).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            throw new TimeoutException($"'{start.FileName} {string.Join(' ', start.ArgumentList)}' did not finish within {timeout}:\n{all}");
        }
        await Task.WhenAll(pumpOut, pumpErr);
        return new Result(process.ExitCode, all.ToString(), stdout.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder all, StringBuilder? own)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (all)
            {
                all.AppendLine(line);
                own?.AppendLine(line);
            }
        }
    }
}
