using System.Net.WebSockets;
using System.Text;

namespace Rtvi.Quickstart.Tests;

/// <summary>A minimal RTVI client over <see cref="ClientWebSocket"/> with JSON text frames (the server answers in kind).</summary>
internal sealed class RtviTestClient : IAsyncDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(15);
    private readonly ClientWebSocket _socket;
    private int _nextId;

    private RtviTestClient(ClientWebSocket socket) => _socket = socket;

    public static async Task<RtviTestClient> ConnectAsync(Uri uri)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(s_deadline);
        await socket.ConnectAsync(uri, timeout.Token);
        return new RtviTestClient(socket);
    }

    /// <summary>client-ready with <paramref name="version"/> (null: a 0.3 client without one); returns bot-ready's data.</summary>
    public async Task<JsonElement> HandshakeAsync(string? version = "2.1.0")
    {
        var data = version is null ? "{}" : $$$"""{"version":"{{{version}}}","about":{"library":"quickstart-tests"}}""";
        var id = await SendAsync("client-ready", data);
        var ready = await ReceiveAsync("bot-ready");
        Assert.Equal(id, ready.GetProperty("id").GetString());
        return ready.GetProperty("data");
    }

    /// <summary>Sends one envelope; returns its id.</summary>
    public async Task<string> SendAsync(string type, string dataJson)
    {
        var id = "t" + Interlocked.Increment(ref _nextId).ToString("x7", System.Globalization.CultureInfo.InvariantCulture);
        await SendRawAsync($$$"""{"label":"rtvi-ai","type":"{{{type}}}","id":"{{{id}}}","data":{{{dataJson}}}}""");
        return id;
    }

    public async Task SendRawAsync(string json)
    {
        using var timeout = new CancellationTokenSource(s_deadline);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    /// <summary>Sends a request and returns the message that answers it (same id).</summary>
    public async Task<JsonElement> RequestAsync(string type, string dataJson)
    {
        var id = await SendAsync(type, dataJson);
        while (true)
        {
            var message = await ReceiveAsync();
            if (message.TryGetProperty("id", out var answered) && answered.GetString() == id)
            {
                return message;
            }
        }
    }

    /// <summary>The next message of <paramref name="type"/>, skipping others.</summary>
    public async Task<JsonElement> ReceiveAsync(string type) => (await ReceiveUntilAsync(type))[^1];

    /// <summary>Every message up to and including the next one of <paramref name="type"/>.</summary>
    public async Task<List<JsonElement>> ReceiveUntilAsync(string type)
    {
        var messages = new List<JsonElement>();
        while (true)
        {
            var message = await ReceiveAsync();
            messages.Add(message);
            if (message.GetProperty("type").GetString() == type)
            {
                return messages;
            }
        }
    }

    /// <summary>The next message (which must be a text frame).</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(s_deadline);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (true)
        {
            var result = await _socket.ReceiveAsync(chunk, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The server closed the connection.");
            }
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(s_deadline);
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (WebSocketException)
            {
                // The server may already be gone; closing is best effort.
            }
        }
        _socket.Dispose();
    }
}

/// <summary>Helpers over received message lists.</summary>
internal static class RtviMessages
{
    public static string Type(this JsonElement message) => message.GetProperty("type").GetString()!;

    public static IEnumerable<JsonElement> OfType(this IEnumerable<JsonElement> messages, string type) => messages.Where(m => m.Type() == type);

    public static string Text(this JsonElement message) => message.GetProperty("data").GetProperty("text").GetString()!;

    /// <summary>The concatenated <c>bot-llm-text</c> chunks.</summary>
    public static string StreamedText(this IEnumerable<JsonElement> messages) => string.Concat(messages.OfType("bot-llm-text").Select(Text));
}
