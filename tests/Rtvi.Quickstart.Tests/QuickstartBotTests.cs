namespace Rtvi.Quickstart.Tests;

/// <summary>The quickstart bot over a real WebSocket with a 2.x client (JSON text frames).</summary>
public sealed class QuickstartBotTests : IAsyncLifetime
{
    private QuickstartHost _host = null!;

    public async Task InitializeAsync() => _host = await QuickstartHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_page_and_its_bundle_are_served()
    {
        using var http = new HttpClient { BaseAddress = _host.BaseUri };

        var page = await http.GetAsync("/");
        var script = await http.GetAsync("/app.js");

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("app.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("registerFunctionCallHandler", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_check_endpoint_answers_healthy()
    {
        using var http = new HttpClient { BaseAddress = _host.BaseUri };

        var health = await http.GetAsync(QuickstartApp.HealthPath);

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_2x_client_gets_bot_ready_2_1_0_with_about()
    {
        await using var client = await _host.ConnectAsync();

        var ready = await client.HandshakeAsync();

        Assert.Equal("2.1.0", ready.GetProperty("version").GetString());
        Assert.Equal("rtvi-dotnet-quickstart", ready.GetProperty("about").GetProperty("library").GetString());
    }

    [Fact]
    public async Task Send_text_streams_the_answer_as_llm_text_bot_output_sentences_and_metrics()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();

        await client.SendAsync("send-text", """{"content":"Hello bot","options":{}}""");
        var turn = await client.ReceiveUntilAsync("bot-llm-stopped");

        Assert.Equal("Hello bot", turn.OfType("user-llm-text").Single().Text());
        var types = turn.Select(m => m.Type()).ToList();
        Assert.True(types.IndexOf("bot-llm-started") < types.IndexOf("bot-llm-text"));
        Assert.True(turn.OfType("bot-llm-text").Count() > 5, "the answer is streamed in chunks");
        var answer = turn.StreamedText();
        Assert.StartsWith("You said: \"Hello bot\".", answer, StringComparison.Ordinal);
        var sentences = turn.OfType("bot-output").Select(RtviMessages.Text).ToList();
        Assert.True(sentences.Count >= 3);
        Assert.Equal(answer.Trim(), string.Join(" ", sentences));
        Assert.All(turn.OfType("bot-output"), m => Assert.Equal("sentence", m.GetProperty("data").GetProperty("aggregated_by").GetString()));
        var metrics = turn.OfType("metrics").Select(m => m.GetProperty("data")).ToList();
        var ttfb = metrics.Single(m => m.TryGetProperty("ttfb", out _)).GetProperty("ttfb")[0];
        Assert.Equal("llm", ttfb.GetProperty("processor").GetString());
        Assert.Equal("rtvi-embedded", ttfb.GetProperty("model").GetString());
        var usage = metrics.Single(m => m.TryGetProperty("tokens", out _)).GetProperty("tokens")[0];
        Assert.Equal(turn.OfType("bot-llm-text").Count(), usage.GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Asking_for_the_time_runs_the_client_function_and_answers_with_its_result()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();

        await client.SendAsync("send-text", """{"content":"What time is it?"}""");
        var call = (await client.ReceiveAsync("llm-function-call-in-progress")).GetProperty("data");
        Assert.Equal("get_client_time", call.GetProperty("function_name").GetString());
        await client.SendAsync("llm-function-call-result", $$$"""
            {"function_name":"get_client_time","tool_call_id":"{{{call.GetProperty("tool_call_id").GetString()}}}","arguments":{},"result":{"time":"10:42 in the test"}}
            """);
        var turn = await client.ReceiveUntilAsync("bot-llm-stopped");

        var stopped = turn.OfType("llm-function-call-stopped").Single().GetProperty("data");
        Assert.Equal("10:42 in the test", stopped.GetProperty("result").GetProperty("time").GetString());
        Assert.Equal("Your browser says it is 10:42 in the test.", turn.StreamedText());
        Assert.Equal("Your browser says it is 10:42 in the test.", turn.OfType("bot-output").Single().Text());
    }

    [Fact]
    public async Task Rolling_a_die_runs_roll_dice_in_the_bot_and_reports_its_call()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();

        await client.SendAsync("send-text", """{"content":"Roll a die for me"}""");
        var turn = await client.ReceiveUntilAsync("bot-llm-stopped");

        var calls = turn.Where(m => m.Type().StartsWith("llm-function-call", StringComparison.Ordinal)).ToList();
        Assert.Equal(["llm-function-call-started", "llm-function-call-in-progress", "llm-function-call-stopped"], calls.Select(m => m.Type()));
        Assert.Equal("roll_dice", calls[1].GetProperty("data").GetProperty("function_name").GetString());
        var rolled = calls[2].GetProperty("data").GetProperty("result").GetProperty("value").GetInt32();
        Assert.InRange(rolled, 1, 6);
        Assert.Equal($"You rolled a {rolled} on a 6-sided die.", turn.StreamedText());
    }

    [Fact]
    public async Task Asking_for_a_theme_calls_set_theme_with_the_theme_argument()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();

        await client.SendAsync("send-text", """{"content":"Please use the dark theme"}""");
        var call = (await client.ReceiveAsync("llm-function-call-in-progress")).GetProperty("data");
        Assert.Equal("set_theme", call.GetProperty("function_name").GetString());
        Assert.Equal("dark", call.GetProperty("arguments").GetProperty("theme").GetString());
        await client.SendAsync("llm-function-call-result", $$$"""
            {"function_name":"set_theme","tool_call_id":"{{{call.GetProperty("tool_call_id").GetString()}}}","arguments":{"theme":"dark"},"result":{"theme":"dark"}}
            """);

        Assert.Equal("Done. The page now uses the dark theme.", (await client.ReceiveUntilAsync("bot-llm-stopped")).StreamedText());
    }

    [Fact]
    public async Task A_client_message_reaches_an_action_with_a_record_argument()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();

        var added = await client.RequestAsync("client-message", """{"t":"llm:add_fact","d":{"fact":{"subject":"pet","detail":"a cat called Miso"}}}""");
        var settings = await client.RequestAsync("client-message", """{"t":"llm:settings","d":{}}""");

        Assert.Equal("server-response", added.Type());
        Assert.Equal(1, added.GetProperty("data").GetProperty("d").GetInt32());
        var d = settings.GetProperty("data").GetProperty("d");
        Assert.Equal("rtvi-embedded", d.GetProperty("model").GetString());
        Assert.Equal(0.7, d.GetProperty("temperature").GetDouble());
        Assert.Equal("a cat called Miso", d.GetProperty("facts")[0].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Facts_added_by_an_action_reach_the_model_through_the_system_prompt()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();
        await client.RequestAsync("client-message", """{"t":"llm:add_fact","d":{"fact":{"subject":"home","detail":"Lyon"}}}""");

        await client.SendAsync("send-text", """{"content":"What do you know about me?"}""");

        Assert.Equal("Here is what I know about you: home: Lyon.", (await client.ReceiveUntilAsync("bot-llm-stopped")).StreamedText());
    }

    [Fact]
    public async Task The_tts_say_action_emits_the_speech_events_and_answers_true()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();

        await client.SendAsync("client-message", """{"t":"tts:say","d":{"text":"Hi there."}}""");
        var messages = await client.ReceiveUntilAsync("server-response");

        Assert.Equal(["bot-tts-started", "bot-tts-text", "bot-output", "bot-tts-stopped", "server-response"], messages.Select(m => m.Type()));
        Assert.True(messages[^1].GetProperty("data").GetProperty("d").GetBoolean());
    }

    [Fact]
    public async Task The_typed_feedback_client_message_answers_with_a_receipt_and_a_server_message()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();

        await client.RequestAsync("client-message", """{"t":"feedback","d":{"rating":5}}""");
        await client.SendAsync("client-message", """{"t":"feedback","d":{"rating":2,"comment":"meh"}}""");
        var messages = await client.ReceiveUntilAsync("server-response");

        var notice = messages.OfType("server-message").Single().GetProperty("data");
        Assert.Equal("feedback-received", notice.GetProperty("event").GetString());
        var receipt = messages[^1].GetProperty("data");
        Assert.Equal("feedback", receipt.GetProperty("t").GetString());
        Assert.Equal(2, receipt.GetProperty("d").GetProperty("count").GetInt32());
        Assert.Equal(3.5, receipt.GetProperty("d").GetProperty("average_rating").GetDouble());
    }

    [Fact]
    public async Task Feedback_without_a_rating_is_an_error_response()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();

        var answer = await client.RequestAsync("client-message", """{"t":"feedback","d":{"comment":"no rating"}}""");

        Assert.Equal("error-response", answer.Type());
    }

    [Fact]
    public async Task Reset_clears_the_conversation_and_sends_a_server_message()
    {
        await using var client = await _host.ConnectAsync();
        await client.HandshakeAsync();
        await client.SendAsync("send-text", """{"content":"Hello"}""");
        await client.ReceiveAsync("bot-llm-stopped");

        await client.SendAsync("client-message", """{"t":"llm:reset","d":{}}""");
        var messages = await client.ReceiveUntilAsync("server-response");
        var settings = await client.RequestAsync("client-message", """{"t":"llm:settings","d":{}}""");

        Assert.Equal("conversation-reset", messages.OfType("server-message").Single().GetProperty("data").GetProperty("event").GetString());
        Assert.Equal(0, settings.GetProperty("data").GetProperty("d").GetProperty("turns").GetInt32());
    }
}
