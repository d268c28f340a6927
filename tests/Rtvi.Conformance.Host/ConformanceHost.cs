using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Rtvi.Conformance;

/// <summary>The host's command line (shared/conformance-fixture.md): a contract, keep it stable.</summary>
public static class ConformanceHost
{
    private const string Usage = "usage: Rtvi.Conformance.Host --port <N> --protocol <0.3|2.1|auto>";

    /// <summary>Parses <c>--port N --protocol 0.3|2.1|auto</c> and serves <c>ws://127.0.0.1:N/ws</c> until SIGTERM/SIGINT.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var port, out var mode, out var error))
        {
            await Console.Error.WriteLineAsync(error + Environment.NewLine + Usage);
            return 2;
        }
        var app = Build(port, mode);
        await app.StartAsync();
        Console.WriteLine($"Rtvi conformance host ({mode}) listening on ws://127.0.0.1:{port}/ws");
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>Builds the host for <paramref name="port"/> (0 picks a free port) and <paramref name="mode"/>.</summary>
    public static WebApplication Build(int port, RtviProtocolMode mode)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services
            .AddRtvi(options => ConformanceFixtures.ConfigureOptions(options, mode))
            // Only what is set is bound: limits for load tests (Rtvi__Limits__MaxSessions=20000), nothing by default.
            .BindConfiguration(builder.Configuration)
            .ConfigureRegistry(registry => ConformanceFixtures.Register(registry, mode));
        var app = builder.Build();
        app.MapRtvi("/ws");
        return app;
    }

    /// <summary>Maps the <c>--protocol</c> value to a mode.</summary>
    public static bool TryParseProtocol(string value, out RtviProtocolMode mode)
    {
        (var ok, mode) = value switch
        {
            "0.3" => (true, RtviProtocolMode.V0_3),
            "2.1" => (true, RtviProtocolMode.V2),
            "auto" => (true, RtviProtocolMode.Auto),
            _ => (false, RtviProtocolMode.Auto),
        };
        return ok;
    }

    private static bool TryParse(string[] args, out int port, out RtviProtocolMode mode, out string error)
    {
        port = -1;
        mode = RtviProtocolMode.Auto;
        var protocolSeen = false;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when int.TryParse(value, out var p) && p is >= 0 and <= 65535:
                    port = p;
                    i++;
                    break;
                case "--protocol" when value is not null && TryParseProtocol(value, out mode):
                    protocolSeen = true;
                    i++;
                    break;
                default:
                    error = $"invalid argument '{args[i]}'" + (value is null ? "" : $" '{value}'");
                    return false;
            }
        }
        error = port < 0 ? "--port is required" : !protocolSeen ? "--protocol is required" : "";
        return error.Length == 0;
    }
}
