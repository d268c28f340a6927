using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Rtvi.LoadTest;

/// <summary>One client session over a WebSocket: connect, the 2.x handshake, then requests matched to answers by id.</summary>
internal sealed class LoadClient(Uri url, bool protobuf) : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[64 * 1024];

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(url, cancellationToken);
        await SendAsync("""{"label":"rtvi-ai","type":"client-ready","id":"ready","data":{"version":"2.1.0"}}""", cancellationToken);
        while (await ReceiveIdAsync(cancellationToken) != "ready")
        {
        }
    }

    public static string Request(string kind, string id, int n) => kind == "get-config"
        ? $$$"""{"label":"rtvi-ai","type":"get-config","id":"{{{id}}}","data":{}}"""
        : $$$$"""{"label":"rtvi-ai","type":"client-message","id":"{{{{id}}}}","data":{"t":"test.echo","d":{"n":{{{{n}}}}}}}""";

    public Task SendAsync(string json, CancellationToken cancellationToken)
    {
        var (bytes, type) = WireFraming.Encode(json, protobuf);
        return _socket.SendAsync(bytes, type, true, cancellationToken);
    }

    /// <summary>The id of the next message received (null for a message without one); throws when the server closed.</summary>
    public async Task<string?> ReceiveIdAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        ValueWebSocketReceiveResult received;
        do
        {
            received = await _socket.ReceiveAsync(_buffer.AsMemory(count), cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("The server closed the connection.");
            }
            count += received.Count;
        }
        while (!received.EndOfMessage);
        return IdOf(WireFraming.Json(_buffer.AsSpan(0, count), received.MessageType));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A failed connect leaves the socket disposed; only an open one has anything to close.
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
        }
        _socket.Dispose();
    }

    private static string? IdOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isId && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }
            reader.Skip();
        }
        return null;
    }
}
