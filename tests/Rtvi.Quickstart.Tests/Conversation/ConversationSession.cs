using Microsoft.Extensions.DependencyInjection;
using Rtvi.Extensions.AI;
using Rtvi.Transports;

namespace Rtvi.Quickstart.Tests.Conversation;

/// <summary>
/// A session of a bot made of <c>AddRtvi().AddConversation()</c> and a scripted model, over the in-memory transport,
/// after the handshake of one client generation. Messages are read as a transcript of one line each:
/// <c>type</c>, <c>type text</c> for text events, <c>metrics ttfb</c> (the lists present), or <c>type {data}</c>.
/// </summary>
internal sealed class ConversationSession : IAsyncDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(10);
    private readonly RtviInMemoryConnection _connection = new();
    private readonly ServiceProvider _services;
    private readonly Task _run;
    private int _ids;

    private ConversationSession(ServiceProvider services, bool audio)
    {
        _services = services;
        _run = services.GetRequiredService<RtviServer>().RunSessionAsync(audio ? new AudioLoopback(_connection) : _connection);
    }

    public RtviSession Session { get; private set; } = null!;

    /// <summary>Every message received so far.</summary>
    public List<JsonElement> Received { get; } = [];

    public RtviConversation Conversation => Session.Services.GetRequiredService<RtviConversation>();

    /// <summary>Starts the bot and completes the handshake with <paramref name="version"/> (null: a 0.3 client).</summary>
    public static Task<ConversationSession> StartAsync(string? version, ScriptedChatClient model, Action<RtviConversationOptions>? configure = null) =>
        StartAsync(version, model, configure, audio: false, configureServer: null);

    /// <summary>
    /// Starts the bot; with <paramref name="audio"/> over a connection that carries bot audio, each frame of which reaches
    /// the client in order with the messages as the line <c>audio</c>.
    /// </summary>
    public static async Task<ConversationSession> StartAsync(
        string? version, ScriptedChatClient model, Action<RtviConversationOptions>? configure, bool audio, Action<RtviServerOptions>? configureServer)
    {
        var ready = new TaskCompletionSource<RtviSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        var services = new ServiceCollection();
        services.AddRtvi(options =>
            {
                options.Hooks.OnClientReady = (session, _, _) =>
                {
                    ready.TrySetResult(session);
                    return default;
                };
                configureServer?.Invoke(options);
            })
            .AddConversation(options =>
            {
                options.ChatClient = model;
                configure?.Invoke(options);
            });
        var harness = new ConversationSession(services.BuildServiceProvider(), audio);
        var data = version is null ? "{}" : $$$"""{"version":"{{{version}}}","about":{"library":"test"}}""";
        await harness.SendAsync("client-ready", data);
        harness.Session = await ready.Task.WaitAsync(s_deadline);
        await harness.ReceiveUntilAsync("bot-ready");
        return harness;
    }

    public async ValueTask SendAsync(string type, string data) =>
        await _connection.ClientSendAsync($$$"""{"label":"rtvi-ai","type":"{{{type}}}","id":"c{{{Interlocked.Increment(ref _ids)}}}","data":{{{data}}}}""");

    /// <summary>The transcript lines up to and including the next message of <paramref name="type"/>.</summary>
    public async Task<List<string>> ReceiveUntilAsync(string type)
    {
        using var timeout = new CancellationTokenSource(s_deadline);
        var lines = new List<string>();
        while (true)
        {
            var text = await _connection.ClientReceiveAsync(timeout.Token) ?? throw new InvalidOperationException($"closed before '{type}'");
            var message = JsonDocument.Parse(text).RootElement;
            Received.Add(message);
            lines.Add(Line(message));
            if (message.GetProperty("type").GetString() == type)
            {
                return lines;
            }
        }
    }

    private static string Line(JsonElement message)
    {
        var type = message.GetProperty("type").GetString()!;
        if (type == AudioLoopback.Type)
        {
            return "audio";
        }
        if (!message.TryGetProperty("data", out var data))
        {
            return type;
        }
        if (type == "metrics")
        {
            return "metrics " + string.Join(",", data.EnumerateObject().Select(p => p.Name));
        }
        if (data.ValueKind == JsonValueKind.Object && data.EnumerateObject().Count() == 1 && data.TryGetProperty("text", out var value))
        {
            return type + " " + value.GetString();
        }
        return type + " " + data.GetRawText();
    }

    public async ValueTask DisposeAsync()
    {
        _connection.ClientClose();
        await _run.WaitAsync(s_deadline);
        await _services.DisposeAsync();
    }
}

/// <summary>
/// The in-memory connection with bot audio: each audio frame reaches the client in the same stream as the messages, as
/// a message of type <see cref="Type"/> (the session's single writer sends both, so the order is the order sent).
/// </summary>
internal sealed class AudioLoopback(RtviInMemoryConnection inner) : RtviConnection
{
    public const string Type = "test-audio-frame";

    private static readonly byte[] s_frame = System.Text.Encoding.UTF8.GetBytes($$"""{"label":"test","type":"{{Type}}"}""");

    public override bool SupportsAudio => true;

    public override ValueTask<RtviInboundFrame> ReceiveAsync(int maxMessageBytes, CancellationToken cancellationToken) =>
        inner.ReceiveAsync(maxMessageBytes, cancellationToken);

    public override ValueTask SendMessageAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken) =>
        inner.SendMessageAsync(json, cancellationToken);

    public override ValueTask SendAudioAsync(ReadOnlyMemory<byte> pcm, int sampleRate, int numChannels, CancellationToken cancellationToken) =>
        inner.SendMessageAsync(s_frame, cancellationToken);

    public override void Abort() => inner.Abort();

    public override ValueTask CloseAsync(CancellationToken cancellationToken) => inner.CloseAsync(cancellationToken);

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}
