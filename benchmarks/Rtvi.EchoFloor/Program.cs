using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;

// The floor of the load test and of the Native AOT numbers: an empty CreateSlimBuilder app with one WebSocket endpoint
// that echoes every message (text or binary) as received, through a pooled buffer. Usage: Rtvi.EchoFloor --port N
var port = args.Length == 2 && args[0] == "--port" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8780;
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
var app = builder.Build();
app.UseWebSockets();
app.Map("/ws", async context =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }
    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    await EchoAsync(socket, context.RequestAborted);
});
Console.WriteLine($"echo floor listening on ws://127.0.0.1:{port}/ws");
await app.RunAsync();

static async Task EchoAsync(WebSocket socket, CancellationToken cancellationToken)
{
    var buffer = ArrayPool<byte>.Shared.Rent(4096);
    try
    {
        while (true)
        {
            var count = 0;
            ValueWebSocketReceiveResult received;
            do
            {
                if (count == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan().CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                received = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken);
                count += received.Count;
            }
            while (!received.EndOfMessage);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                return;
            }
            await socket.SendAsync(buffer.AsMemory(0, count), received.MessageType, true, cancellationToken);
        }
    }
    catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
    {
    }
    finally
    {
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
