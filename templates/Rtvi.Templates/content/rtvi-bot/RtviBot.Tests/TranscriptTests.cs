using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rtvi;
using Rtvi.Transports;

namespace RtviBot.Tests;

/// <summary>The bot's protocol as a transcript: → what the client sends, ← what the bot answers.</summary>
public sealed class TranscriptTests
{
    [Fact]
    public async Task A_client_sets_the_voice_greets_and_echoes()
    {
        var services = new ServiceCollection();
        services.AddBot();
        await using var provider = services.BuildServiceProvider();
        var connection = new RtviInMemoryConnection();
        var session = provider.GetRequiredService<RtviServer>().RunSessionAsync(connection);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        async Task<JsonElement> Exchange(string sent)
        {
            await connection.ClientSendAsync(sent);
            var received = await connection.ClientReceiveAsync(deadline.Token) ?? throw new InvalidOperationException("The bot closed the session.");
            return JsonDocument.Parse(received).RootElement;
        }

        var ready = await Exchange("""{"label":"rtvi-ai","type":"client-ready","id":"r1","data":{"version":"2.1.0","about":{"library":"test"}}}""");
        Assert.Equal("bot-ready", ready.GetProperty("type").GetString());

        var config = await Exchange("""{"label":"rtvi-ai","type":"update-config","id":"u1","data":{"config":[{"service":"assistant","options":[{"name":"voice","value":"breeze"}]}]}}""");
        Assert.Equal("config", config.GetProperty("type").GetString());

        var greeting = await Exchange("""{"label":"rtvi-ai","type":"action","id":"a1","data":{"service":"assistant","action":"greet","arguments":[{"name":"request","value":{"name":"Ada"}}]}}""");
        Assert.Equal("""{"text":"Hello, Ada!","voice":"breeze"}""", greeting.GetProperty("data").GetProperty("result").GetRawText());

        var echo = await Exchange("""{"label":"rtvi-ai","type":"client-message","id":"m1","data":{"t":"echo","d":{"text":"hi"}}}""");
        Assert.Equal("server-response", echo.GetProperty("type").GetString());
        Assert.Equal("""{"text":"HI"}""", echo.GetProperty("data").GetProperty("d").GetRawText());

        connection.ClientClose();
        await session.WaitAsync(deadline.Token);
    }
}
