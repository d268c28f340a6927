using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Rtvi.StartTimer;

/// <summary>The timer's command line.</summary>
/// <param name="Executable">The server binary.</param>
/// <param name="Arguments">Its arguments; <c>{port}</c> is replaced by a free loopback port.</param>
/// <param name="Path">The WebSocket path.</param>
/// <param name="Runs">Recorded runs.</param>
/// <param name="WarmUp">Runs made first and not recorded.</param>
/// <param name="Echo">The server echoes (the floor): the first text frame is the answer, whatever it says.</param>
/// <param name="Label">The name printed with the results.</param>
/// <param name="Verbose">Print every run.</param>
internal sealed record StartTimerOptions(string Executable, string Arguments, string Path, int Runs, int WarmUp, bool Echo, string Label, bool Verbose)
{
    public const string Usage = """
        usage: Rtvi.StartTimer --exec BINARY [--args "--port {port}"] [--path /ws] [--runs 10] [--warm-up 1] [--echo] [--label NAME] [--verbose]
          Starts BINARY on a free loopback port ({port} in --args), connects as soon as the port accepts, upgrades to a
          WebSocket, sends a 2.1 client-ready and stops the clock at bot-ready (with --echo: at the first text frame).
        """;

    public static bool TryParse(string[] args, [NotNullWhen(true)] out StartTimerOptions? options, out string error)
    {
        options = null;
        error = "";
        string? executable = null, label = null;
        var (arguments, path, runs, warmUp, echo, verbose) = ("--port {port}", "/ws", 10, 1, false, false);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--echo":
                    echo = true;
                    continue;
                case "--verbose":
                    verbose = true;
                    continue;
                case "--exec" when value is not null:
                    executable = value;
                    break;
                case "--args" when value is not null:
                    arguments = value;
                    break;
                case "--path" when value is not null && value.StartsWith('/'):
                    path = value;
                    break;
                case "--label" when value is not null:
                    label = value;
                    break;
                case "--runs" when int.TryParse(value, CultureInfo.InvariantCulture, out runs) && runs is > 0 and <= 1000:
                case "--warm-up" when int.TryParse(value, CultureInfo.InvariantCulture, out warmUp) && warmUp is >= 0 and <= 100:
                    break;
                default:
                    error = $"invalid argument '{args[i]}'" + (value is null ? "" : $" '{value}'");
                    return false;
            }
            i++;
        }
        if (executable is null || !File.Exists(executable))
        {
            error = executable is null ? "--exec is required" : $"no such file: {executable}";
            return false;
        }
        options = new StartTimerOptions(executable, arguments, path, runs, warmUp, echo, label ?? System.IO.Path.GetFileName(executable), verbose);
        return true;
    }
}
