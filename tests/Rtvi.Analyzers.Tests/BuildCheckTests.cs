using System.Diagnostics;
using System.Text;

namespace Rtvi.Analyzers.Tests;

/// <summary>A real <c>dotnet build</c> of tests/Rtvi.Analyzers.BuildCheck (a deliberately broken bot).</summary>
public sealed class BuildCheckTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Broken_handler_fails_a_real_build_with_its_RTVI_diagnostic()
    {
        var project = Path.Combine(Repository.Root, "tests", "Rtvi.Analyzers.BuildCheck", "Rtvi.Analyzers.BuildCheck.csproj");
        // The referenced projects are already built (this test project references them): build only the broken bot, with no
        // compiler server or build nodes left running afterwards.
        var (exitCode, output) = await RunAsync(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            "build", project, "-c", Configuration, "-nologo", "-nodeReuse:false",
            "-p:BuildProjectReferences=false", "-p:UseSharedCompilation=false");

        Assert.True(exitCode != 0, "The broken bot built successfully:\n" + output);
        Assert.Contains("BrokenHandlers.cs(8,18): error RTVI0002: Handler 'Tts.Say' is async void", output);
        Assert.DoesNotMatch(@"error CS\d{4}", output);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // Variables the test host inherits from the outer `dotnet test` would redirect the inner build's MSBuild.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet build did not finish within {Timeout}:\n{output}");
        }
        await Task.WhenAll(stdout, stderr);
        return (process.ExitCode, output.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
