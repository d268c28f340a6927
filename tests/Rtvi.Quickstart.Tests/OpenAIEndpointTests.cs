namespace Rtvi.Quickstart.Tests;

/// <summary>The quickstart bot configured for an OpenAI-compatible endpoint, against a fake one over real HTTP.</summary>
public sealed class OpenAIEndpointTests : IAsyncLifetime
{
    private FakeOpenAIServer _openAI = null!;
    private QuickstartHost _host = null!;

    public async Task InitializeAsync()
    {
        _openAI = await FakeOpenAIServer.StartAsync();
        _host = await QuickstartHost.StartAsync($"--Rtvi:OpenAI:Endpoint={_openAI.Endpoint}", "--Rtvi:OpenAI:Model=fake-model", "--Rtvi:OpenAI:ApiKey=sk-test");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _openAI.DisposeAsync();
    }

    [Fact]
    public async Task The_streamed_answer_of_the_endpoint_becomes_llm_text_and_bot_output()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();

        await client.SendAsync("send-text", """{"content":"Hi"}""");
        var turn = await client.ReceiveUntilAsync("bot-llm-stopped");

        Assert.Equal(FakeOpenAIServer.Greeting, turn.StreamedText());
        Assert.Equal(["Hello from the fake model.", "It streams."], turn.OfType("bot-output").Select(RtviMessages.Text));
        var request = Assert.Single(_openAI.Requests);
        Assert.Equal("fake-model", request.GetProperty("model").GetString());
        Assert.True(request.GetProperty("stream").GetBoolean());
        Assert.Equal("system", request.GetProperty("messages")[0].GetProperty("role").GetString());
        var tools = request.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(["roll_dice", "get_client_time", "set_theme"], tools);
    }

    [Fact]
    public async Task A_tool_call_of_the_endpoint_runs_in_the_client_and_its_result_goes_back_to_the_endpoint()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();

        await client.SendAsync("send-text", """{"content":"What time is it?"}""");
        var call = (await client.ReceiveAsync("llm-function-call-in-progress")).GetProperty("data");
        Assert.Equal("call_fake_1", call.GetProperty("tool_call_id").GetString());
        Assert.Equal("get_client_time", call.GetProperty("function_name").GetString());
        await client.SendAsync("llm-function-call-result",
            """{"function_name":"get_client_time","tool_call_id":"call_fake_1","arguments":{},"result":{"time":"09:15"}}""");
        var turn = await client.ReceiveUntilAsync("bot-llm-stopped");

        Assert.Equal("It is 09:15 for you.", turn.StreamedText());
        var followUp = _openAI.Requests.Last().GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("call_fake_1", followUp[^2].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal("tool", followUp[^1].GetProperty("role").GetString());
        Assert.Equal("call_fake_1", followUp[^1].GetProperty("tool_call_id").GetString());
    }

    [Fact]
    public async Task Later_turns_send_the_history_including_the_previous_answer()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();

        await client.SendAsync("send-text", """{"content":"Hi"}""");
        await client.ReceiveAsync("bot-llm-stopped");
        await client.SendAsync("send-text", """{"content":"Hi again"}""");
        await client.ReceiveAsync("bot-llm-stopped");

        var roles = _openAI.Requests.Last().GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString());
        Assert.Equal(["system", "user", "assistant", "user"], roles);
    }
}
