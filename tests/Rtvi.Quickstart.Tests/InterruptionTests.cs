namespace Rtvi.Quickstart.Tests;

/// <summary>A send-text while the bot answers interrupts the answer (run_immediately defaults to true).</summary>
public sealed class InterruptionTests : IAsyncLifetime
{
    private QuickstartHost _host = null!;

    public async Task InitializeAsync() => _host = await QuickstartHost.StartAsync("--Rtvi:Embedded:TokenDelayMs=20");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_new_send_text_cuts_the_answer_in_progress_and_starts_a_new_one()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();

        await client.SendAsync("send-text", """{"content":"Tell me something long"}""");
        await client.ReceiveAsync("bot-llm-text");
        await client.SendAsync("send-text", """{"content":"What do you know about me?"}""");
        var first = await client.ReceiveUntilAsync("bot-llm-stopped");
        var second = await client.ReceiveUntilAsync("bot-llm-stopped");

        Assert.Contains(first.Concat(second), m => m.Type() == "bot-interrupted");
        Assert.DoesNotContain("Try", first.StreamedText(), StringComparison.Ordinal);
        Assert.Equal("I don't know anything about you yet. Teach me with the llm:add_fact action.", second.StreamedText());
    }

    [Fact]
    public async Task Append_only_send_text_adds_to_the_conversation_without_an_answer()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();

        await client.SendAsync("send-text", """{"content":"Just so you know","options":{"run_immediately":false}}""");
        await client.SendAsync("send-text", """{"content":"What do you know about me?"}""");
        var turn = await client.ReceiveUntilAsync("bot-llm-stopped");
        var settings = await client.RequestAsync("client-message", """{"t":"llm:settings","d":{}}""");

        Assert.Equal(["What do you know about me?"], turn.OfType("user-llm-text").Select(RtviMessages.Text));
        Assert.Single(turn.OfType("bot-llm-started"));
        Assert.Equal(2, settings.GetProperty("data").GetProperty("d").GetProperty("turns").GetInt32());
    }
}
