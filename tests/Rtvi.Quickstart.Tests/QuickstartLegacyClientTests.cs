namespace Rtvi.Quickstart.Tests;

/// <summary>The quickstart bot with a 0.3 client: the same attribute handlers as services, options and actions.</summary>
public sealed class QuickstartLegacyClientTests : IAsyncLifetime
{
    private QuickstartHost _host = null!;

    public async Task InitializeAsync() => _host = await QuickstartHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Bot_ready_carries_the_initial_config()
    {
        await using var client = await _host.ConnectAsync();

        var ready = await client.HandshakeAsync(version: null);

        Assert.Equal("0.3.0", ready.GetProperty("version").GetString());
        var llm = ready.GetProperty("config").EnumerateArray().Single(s => s.GetProperty("service").GetString() == "llm");
        Assert.Equal(["model", "temperature", "system_prompt"], llm.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Describe_actions_lists_the_attributed_actions_with_their_wire_types()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync(version: null);

        var actions = (await client.RequestAsync("describe-actions", "{}")).GetProperty("data").GetProperty("actions").EnumerateArray().ToList();

        string Describe(JsonElement a) =>
            $"{a.GetProperty("service").GetString()}:{a.GetProperty("action").GetString()}(" +
            string.Join(",", a.GetProperty("arguments").EnumerateArray().Select(x => $"{x.GetProperty("name").GetString()}:{x.GetProperty("type").GetString()}")) +
            $")->{a.GetProperty("result").GetString()}";
        var described = actions.Select(Describe).ToList();
        Assert.Contains("llm:add_fact(fact:object)->number", described);
        Assert.Contains("llm:settings()->object", described);
        Assert.Contains("llm:reset()->bool", described);
        Assert.Contains("tts:say(text:string)->bool", described);
        Assert.Contains("tts:voices()->array", described);
    }

    [Fact]
    public async Task Describe_config_lists_the_options_with_their_wire_types()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync(version: null);

        var services = (await client.RequestAsync("describe-config", "{}")).GetProperty("data").GetProperty("config").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("options").EnumerateArray()
                .Select(o => $"{o.GetProperty("name").GetString()}:{o.GetProperty("type").GetString()}").ToList());

        Assert.Equal(["model:string", "temperature:number", "system_prompt:string"], services["llm"]);
        Assert.Equal(["voice:string"], services["tts"]);
    }

    [Fact]
    public async Task An_action_with_a_record_argument_binds_through_the_bot_json_context()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync(version: null);

        var first = await client.RequestAsync("action", """{"service":"llm","action":"add_fact","arguments":[{"name":"fact","value":{"subject":"city","detail":"Oslo"}}]}""");
        var second = await client.RequestAsync("action", """{"service":"llm","action":"add_fact","arguments":[{"name":"fact","value":{"subject":"sport","detail":"skiing"}}]}""");
        var settings = await client.RequestAsync("action", """{"service":"llm","action":"settings"}""");

        Assert.Equal("action-response", first.Type());
        Assert.Equal(1, first.GetProperty("data").GetProperty("result").GetInt32());
        Assert.Equal(2, second.GetProperty("data").GetProperty("result").GetInt32());
        var facts = settings.GetProperty("data").GetProperty("result").GetProperty("facts");
        Assert.Equal("skiing", facts[1].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_record_argument_of_the_wrong_shape_is_an_error_response()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync(version: null);

        var answer = await client.RequestAsync("action", """{"service":"llm","action":"add_fact","arguments":[{"name":"fact","value":"not an object"}]}""");

        Assert.Equal("error-response", answer.Type());
    }

    [Fact]
    public async Task Update_config_runs_the_option_handlers()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync(version: null);

        var config = await client.RequestAsync("update-config", """{"config":[{"service":"llm","options":[{"name":"temperature","value":0.2}]},{"service":"tts","options":[{"name":"voice","value":"cobalt"}]}]}""");
        var settings = await client.RequestAsync("action", """{"service":"llm","action":"settings"}""");

        Assert.Equal("config", config.Type());
        Assert.Equal(0.2, settings.GetProperty("data").GetProperty("result").GetProperty("temperature").GetDouble());
    }

    [Fact]
    public async Task A_0_3_client_gets_the_answer_as_bot_transcription_and_the_function_call_as_llm_function_call()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync(version: null);

        await client.SendAsync("send-text", """{"content":"what time is it"}""");
        var call = (await client.ReceiveAsync("llm-function-call")).GetProperty("data");
        await client.SendAsync("llm-function-call-result", $$$"""
            {"function_name":"get_client_time","tool_call_id":"{{{call.GetProperty("tool_call_id").GetString()}}}","arguments":{},"result":"noon"}
            """);
        var turn = await client.ReceiveUntilAsync("bot-llm-stopped");

        Assert.Equal("Your browser says it is noon.", turn.OfType("bot-transcription").Single().Text());
        Assert.Empty(turn.OfType("bot-output"));
    }
}
