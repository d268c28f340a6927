using System.Net.WebSockets;

namespace Rtvi.FaultTest;

/// <summary>
/// One well-behaved session before the first scenario, so the first baseline already includes the server's first-use
/// costs (JIT, Kestrel and WebSocket buffers) and a scenario's growth is its own.
/// </summary>
internal static class WarmUp
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    /// <summary>Handshake, one get-config answered, client close; returns why it failed, or null.</summary>
    public static async Task<string?> RunAsync(Uri url)
    {
        try
        {
            await using var connection = await FaultConnection.OpenAsync(url, s_timeout);
            await connection.HandshakeAsync(s_timeout);
            if (await connection.SendAsync(RtviMessages.GetConfig("w1"), s_timeout) != SendOutcome.Sent)
            {
                return "get-config could not be sent";
            }
            while (await connection.ReceiveAsync().WaitAsync(s_timeout) == ReceiveOutcome.Message)
            {
                if (EnvelopeSummary.Read(connection.Message).Id == "w1")
                {
                    await connection.SendCloseAsync(s_timeout);
                    return null;
                }
            }
            return $"the server ended the connection ({connection.ReleasedBy})";
        }
        catch (Exception e) when (e is ScenarioException or WebSocketException or HttpRequestException or IOException
                                       or OperationCanceledException or TimeoutException)
        {
            return Scenarios.Scenario.Describe(e);
        }
    }
}
