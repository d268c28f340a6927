using System.Globalization;

namespace Rtvi.LoadTest;

/// <summary>What the load test does: the mode, the framing, how many sessions and how hard, against which targets.</summary>
internal sealed record LoadOptions(
    Uri Target, Uri? Floor, string Mode, string Framing, int Clients, int Requests, double Rate, TimeSpan Duration, string Request,
    int? TargetPid, int? FloorPid, string? SummaryPath)
{
    public const string Usage = """
        usage: Rtvi.LoadTest --url ws://127.0.0.1:PORT/ws [--floor-url ws://127.0.0.1:PORT/ws]
                             [--mode closed|open|idle] [--framing json|protobuf] [--clients N]
                             [--requests N (closed)] [--rate R per session per second (open)] [--duration S (open, idle)]
                             [--request get-config|client-message] [--pid N] [--floor-pid N] [--summary file.json]
        (Start → first bot-ready of a binary: benchmarks/Rtvi.StartTimer, run by benchmarks/aot-start.sh.)
        """;

    public static LoadOptions Parse(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        int? OptionalInt(string name) => Arg(name, "") is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;

        var floor = Arg("--floor-url", "");
        return new LoadOptions(
            new Uri(Arg("--url", "ws://127.0.0.1:8765/ws")),
            floor.Length > 0 ? new Uri(floor) : null,
            Arg("--mode", "closed"),
            Arg("--framing", "json"),
            int.Parse(Arg("--clients", "50"), CultureInfo.InvariantCulture),
            int.Parse(Arg("--requests", "200"), CultureInfo.InvariantCulture),
            double.Parse(Arg("--rate", "2"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Arg("--duration", "10"), CultureInfo.InvariantCulture)),
            Arg("--request", "client-message"),
            OptionalInt("--pid"),
            OptionalInt("--floor-pid"),
            Arg("--summary", "") is { Length: > 0 } path ? path : null);
    }
}
