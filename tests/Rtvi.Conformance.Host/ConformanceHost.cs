namespace Rtvi.Conformance;

/// <summary>The host's command line (shared/conformance-fixture.md).</summary>
public static class ConformanceHost
{
    /// <summary>Parses <c>--port N --protocol 0.3|2.1|auto</c> and serves until SIGTERM/SIGINT.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        throw new PlatformNotSupportedException("The WebSocket host is wired up once Rtvi.AspNetCore lands.");
    }

    /// <summary>Maps the <c>--protocol</c> value to a mode.</summary>
    public static RtviProtocolMode ParseProtocol(string value) => value switch
    {
        "0.3" => RtviProtocolMode.V0_3,
        "2.1" => RtviProtocolMode.V2,
        "auto" => RtviProtocolMode.Auto,
        _ => throw new ArgumentException($"--protocol must be 0.3, 2.1 or auto (got '{value}')."),
    };
}
