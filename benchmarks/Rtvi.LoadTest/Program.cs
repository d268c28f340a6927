using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

// A bounded loopback load test: N concurrent WebSocket clients each complete the handshake and send M requests one
// after another, timing each round trip. Targets only loopback addresses.
var url = new Uri(Arg("--url", "ws://127.0.0.1:8765/ws"));
var clients = int.Parse(Arg("--clients", "50"));
var requests = int.Parse(Arg("--requests", "200"));
var kind = Arg("--request", "client-message");
if (!url.IsLoopback)
{
    Console.Error.WriteLine("Refusing a non-loopback target.");
    return 2;
}

var latencies = new List<double>[clients];
var total = Stopwatch.StartNew();
using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
await Task.WhenAll(Enumerable.Range(0, clients).Select(async c => latencies[c] = await RunClientAsync(c, deadline.Token)));
total.Stop();

var all = latencies.SelectMany(l => l).Order().ToArray();
Console.WriteLine($"clients={clients} requests/client={requests} request={kind}");
Console.WriteLine($"round trips={all.Length} in {total.Elapsed.TotalSeconds:F2} s → {all.Length / total.Elapsed.TotalSeconds:F0}/s");
Console.WriteLine($"latency ms: p50={Percentile(0.50):F3} p90={Percentile(0.90):F3} p99={Percentile(0.99):F3} max={all[^1]:F3}");
return 0;

double Percentile(double p) => all[Math.Min(all.Length - 1, (int)(p * all.Length))];

async Task<List<double>> RunClientAsync(int client, CancellationToken ct)
{
    using var socket = new ClientWebSocket();
    await socket.ConnectAsync(url, ct);
    var buffer = new byte[64 * 1024];
    await SendAsync(socket, """{"label":"rtvi-ai","type":"client-ready","id":"ready","data":{"version":"2.1.0"}}""", ct);
    await ReceiveUntilAsync(socket, buffer, "\"ready\"", ct);
    var result = new List<double>(requests);
    for (var i = 0; i < requests; i++)
    {
        var id = $"c{client}r{i}";
        var message = kind == "get-config"
            ? $$$"""{"label":"rtvi-ai","type":"get-config","id":"{{{id}}}","data":{}}"""
            : $$$$"""{"label":"rtvi-ai","type":"client-message","id":"{{{{id}}}}","data":{"t":"test.echo","d":{"n":{{{{i}}}}}}}""";
        var start = Stopwatch.GetTimestamp();
        await SendAsync(socket, message, ct);
        await ReceiveUntilAsync(socket, buffer, $"\"{id}\"", ct);
        result.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, ct);
    return result;
}

static Task SendAsync(ClientWebSocket socket, string text, CancellationToken ct) =>
    socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

static async Task ReceiveUntilAsync(ClientWebSocket socket, byte[] buffer, string marker, CancellationToken ct)
{
    while (true)
    {
        var count = 0;
        ValueWebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer.AsMemory(count), ct);
            count += received.Count;
        }
        while (!received.EndOfMessage);
        if (Encoding.UTF8.GetString(buffer, 0, count).Contains(marker, StringComparison.Ordinal))
        {
            return;
        }
    }
}

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
