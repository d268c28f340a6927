using Rtvi.Transports;

namespace Rtvi.Tests.Reliability;

/// <summary>Theory data and helpers shared by the session-core tests.</summary>
internal static class Wires
{
    public static TheoryData<Wire> All => new() { Wire.WebSocketBinary, Wire.WebSocketText, Wire.Ndjson };

    public static TheoryData<Wire> WebSockets => new() { Wire.WebSocketBinary, Wire.WebSocketText };

    /// <summary>An <c>update-config</c> setting <c>llm.model</c> to a string of <paramref name="bytes"/> characters.</summary>
    public static string BigUpdateConfig(string id, int bytes) =>
        Transcript.Msg("update-config", id, "{'config':[{'service':'llm','options':[{'name':'model','value':'" + new string('x', bytes) + "'}]}]}");

    /// <summary>The <paramref name="n"/>th session the server started (counting from 1; those before are passed over).</summary>
    public static async Task<RtviSession> NthStarted(ReliabilityServer server, int n)
    {
        for (var i = 1; i < n; i++)
        {
            await server.NextStarted();
        }
        return await server.NextStarted();
    }

    /// <summary>Waits for <paramref name="condition"/>, polling, until <paramref name="timeout"/>; fails the test after it.</summary>
    public static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("Timed out waiting until " + what);
            }
            await Task.Delay(10);
        }
    }
}

/// <summary>An in-memory connection that counts the server's reads, so a test can tell when the inbox is full.</summary>
internal sealed class CountingConnection(RtviInMemoryConnection inner) : RtviConnection
{
    private int _receives;

    public RtviInMemoryConnection Client => inner;

    public int Receives => Volatile.Read(ref _receives);

    public override ValueTask<RtviInboundFrame> ReceiveAsync(int maxMessageBytes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _receives);
        return inner.ReceiveAsync(maxMessageBytes, cancellationToken);
    }

    public override ValueTask SendMessageAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken) => inner.SendMessageAsync(json, cancellationToken);

    public override ValueTask CloseAsync(CancellationToken cancellationToken) => inner.CloseAsync(cancellationToken);

    public override void Abort() => inner.Abort();
}
