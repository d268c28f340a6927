using System.Globalization;

namespace Rtvi.FaultTest;

/// <summary>The command line: what to attack, whose memory to watch, and the server limits the expectations derive from.</summary>
internal sealed record FaultTestOptions(
    Uri Url,
    int Pid,
    string Scenario,
    string? JsonPath,
    TimeSpan HandshakeTimeout,
    TimeSpan SendTimeout,
    TimeSpan Settle)
{
    public const string Usage =
        "usage: Rtvi.FaultTest --url ws://127.0.0.1:8765/ws --pid <server pid> " +
        "[--scenario all|stalled-reader|close-full-inbox|pre-handshake-flood|silent-connections] [--json out.json] " +
        "[--handshake-seconds 30] [--send-timeout-seconds 10] [--settle-seconds 3]";

    /// <summary>How much later than the server's own limit a release may be seen and still pass.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    public static bool TryParse(string[] args, out FaultTestOptions options, out string error)
    {
        var url = new Uri("ws://127.0.0.1:8765/ws");
        int? pid = null;
        var scenario = "all";
        string? json = null;
        double handshake = 30, sendTimeout = 10, settle = 3;
        options = null!;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            var ok = false;
            switch (args[i])
            {
                case "--url":
                    ok = Uri.TryCreate(value, UriKind.Absolute, out var u) && u.Scheme is "ws" or "wss";
                    url = ok ? u! : url;
                    break;
                case "--pid":
                    ok = int.TryParse(value, CultureInfo.InvariantCulture, out var p) && p > 0;
                    pid = ok ? p : pid;
                    break;
                case "--scenario":
                    ok = value is not null && Scenarios.ScenarioCatalog.IsKnown(value);
                    scenario = ok ? value! : scenario;
                    break;
                case "--json":
                    ok = !string.IsNullOrEmpty(value);
                    json = value;
                    break;
                case "--handshake-seconds":
                    ok = TryParseSeconds(value, out handshake);
                    break;
                case "--send-timeout-seconds":
                    ok = TryParseSeconds(value, out sendTimeout);
                    break;
                case "--settle-seconds":
                    ok = TryParseSeconds(value, out settle);
                    break;
            }
            if (!ok)
            {
                error = $"invalid argument '{args[i]}'" + (value is null ? "" : $" '{value}'");
                return false;
            }
            i++;
        }
        if (pid is null)
        {
            error = "--pid is required";
            return false;
        }
        options = new FaultTestOptions(
            url, pid.Value, scenario, json, TimeSpan.FromSeconds(handshake), TimeSpan.FromSeconds(sendTimeout), TimeSpan.FromSeconds(settle));
        error = "";
        return true;
    }

    private static bool TryParseSeconds(string? value, out double seconds) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds >= 0;
}
