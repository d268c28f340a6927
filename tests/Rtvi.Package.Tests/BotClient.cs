using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Rtvi.Package.Tests;

/// <summary>A test client for bots started as processes: a free loopback port, a JSON-text WebSocket, message checks.</summary>
public static class BotClient
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Connects once the app listens; fails with the app's output if it exits or the deadline passes.</summary>
    public static async Task<ClientWebSocket> ConnectAsync(Uri uri, Dotnet.Running app, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
                return socket;
            }
            catch (Exception e) when (e is WebSocketException or TimeoutException or HttpRequestException)
            {
                socket.Dispose();
                if (app.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"Could not connect to {uri} ({e.Message}); the app printed:\n{app.Output}", e);
                }
                await Task.Delay(200);
            }
        }
    }

    public static Task SendAsync(ClientWebSocket socket, string json, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            length += result.Count;
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement;
            }
        }
    }

    public static bool Is(JsonElement message, string type, string id) =>
        message.TryGetProperty("type", out var t) && t.GetString() == type &&
        message.TryGetProperty("id", out var i) && i.GetString() == id;
}
