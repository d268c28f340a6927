using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rtvi.Extensions.AI;

namespace Rtvi.Quickstart.Tests.Conversation;

/// <summary>
/// The 0.3 <c>llm</c> service actions of <see cref="RtviConversation"/>, as a 0.3 client (no version) calls them over a
/// real Kestrel WebSocket: described, answered exactly once, and a turn they start follows their answer.
/// </summary>
public sealed class LlmActionsTests
{
    private static string Args(params (string Name, string Json)[] arguments) =>
        "[" + string.Join(",", arguments.Select(a => $$"""{"name":"{{a.Name}}","value":{{a.Json}}}""")) + "]";

    private static string Action(string action, string arguments = "[]") =>
        $$"""{"service":"llm","action":"{{action}}","arguments":{{arguments}}}""";

    [Fact]
    public async Task Describe_actions_lists_the_llm_actions_with_their_argument_types()
    {
        await using var host = await LlmHost.StartAsync(new ScriptedChatClient());
        await using var client = await host.ConnectAsync();

        var actions = (await client.RequestAsync("describe-actions", "{}")).GetProperty("data").GetProperty("actions");

        Assert.Equal(
        [
            """{"service":"llm","action":"append_to_messages","arguments":[{"name":"messages","type":"array"},{"name":"run_immediately","type":"bool"}],"result":"bool"}""",
            """{"service":"llm","action":"get_context","arguments":[],"result":"object"}""",
            """{"service":"llm","action":"set_context","arguments":[{"name":"messages","type":"array"},{"name":"run_immediately","type":"bool"},{"name":"interrupt","type":"bool"}],"result":"bool"}""",
            """{"service":"llm","action":"run","arguments":[{"name":"interrupt","type":"bool"}],"result":"bool"}""",
        ], actions.EnumerateArray().Select(a => a.GetRawText()));
    }

    [Fact]
    public async Task Append_to_messages_run_immediately_answers_then_runs_a_turn_in_order()
    {
        var model = new ScriptedChatClient().Then(Step.Says("Hello there. "), Step.Says("Bye."));
        await using var host = await LlmHost.StartAsync(model);
        await using var client = await host.ConnectAsync();

        var id = await client.SendAsync("action", Action("append_to_messages",
            Args(("messages", """[{"role":"user","content":"Hi bot"}]"""), ("run_immediately", "true"))));
        var transcript = await client.ReceiveUntilAsync("bot-llm-stopped");

        Assert.Equal(
        [
            "action-response " + id + """ {"result":true}""",
            "user-llm-text Hi bot",
            "bot-llm-started",
            "metrics",
            "bot-llm-text Hello there. ",
            "bot-transcription Hello there.",
            "bot-llm-text Bye.",
            "bot-transcription Bye.",
            "metrics",
            "bot-llm-stopped",
        ], transcript.Select(Line));
        Assert.Equal(["user: Hi bot"], model.Requests.Single().Select(m => $"{m.Role}: {m.Text}"));
    }

    [Fact]
    public async Task Append_to_messages_run_immediately_interrupts_a_running_turn_which_stops_before_the_answer()
    {
        var model = new ScriptedChatClient().Then(Step.Says("Once upon "), Step.Blocks()).Then(Step.Says("Ok."));
        await using var host = await LlmHost.StartAsync(model);
        await using var client = await host.ConnectAsync();
        await client.RequestAsync("action", Action("append_to_messages", Args(("messages", """[{"role":"user","content":"Tell me a story"}]"""))));
        await model.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var id = await client.SendAsync("action", Action("append_to_messages", Args(("messages", """[{"role":"user","content":"Stop"}]"""))));
        var first = await client.ReceiveUntilAsync("bot-llm-stopped");
        var second = await client.ReceiveUntilAsync("bot-llm-stopped");

        Assert.Equal(["user-llm-text Tell me a story", "bot-llm-started", "metrics", "bot-llm-text Once upon ", "bot-llm-stopped"], first.Select(Line));
        Assert.Equal("action-response " + id + """ {"result":true}""", Line(second[0]));
        Assert.Equal("user-llm-text Stop", Line(second[1]));
        Assert.Equal(
            ["user: Tell me a story", "assistant: Once upon ", "user: Stop"],
            model.Requests.Last().Select(m => $"{m.Role}: {m.Text}"));
    }

    [Fact]
    public async Task A_2x_client_reaches_the_actions_as_client_messages()
    {
        var model = new ScriptedChatClient().Then(Step.Says("Hi."));
        await using var host = await LlmHost.StartAsync(model);
        await using var client = await host.ConnectAsync(version: "2.1.0");

        var id = await client.SendAsync("client-message", """{"t":"llm:append_to_messages","d":{"messages":[{"role":"user","content":"Hello"}]}}""");
        var transcript = (await client.ReceiveUntilAsync("bot-llm-stopped")).Select(Line).ToList();

        Assert.Equal(["bot-interrupted", "server-response " + id + """ {"t":"llm:append_to_messages","d":true}""", "user-llm-text Hello", "bot-llm-started"], transcript[..4]);
        Assert.Equal("bot-llm-stopped", transcript[^1]);
    }

    [Fact]
    public async Task Append_to_messages_without_run_only_appends()
    {
        var model = new ScriptedChatClient();
        await using var host = await LlmHost.StartAsync(model, system: "Be brief.");
        await using var client = await host.ConnectAsync();

        var appended = await client.RequestAsync("action", Action("append_to_messages",
            Args(("messages", """[{"role":"user","content":[{"type":"text","text":"Hi"},{"type":"text","text":"there"}]}]"""), ("run_immediately", "false"))));
        var context = await client.RequestAsync("action", Action("get_context"));

        Assert.True(appended.GetProperty("data").GetProperty("result").GetBoolean());
        Assert.Equal(
            """{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi there"}],"tools":[]}""",
            context.GetProperty("data").GetProperty("result").GetRawText());
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task Get_context_after_set_context_returns_what_was_set()
    {
        await using var host = await LlmHost.StartAsync(new ScriptedChatClient(), system: "Old prompt.");
        await using var client = await host.ConnectAsync();
        const string messages = """[{"role":"system","content":"New prompt."},{"role":"user","content":"What's the weather?"},{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":"sunny"},{"role":"assistant","content":"Sunny in Paris."}]""";

        var set = await client.RequestAsync("action", Action("set_context", Args(("messages", messages), ("run_immediately", "false"))));
        var context = await client.RequestAsync("action", Action("get_context"));

        Assert.Equal("action-response", set.GetProperty("type").GetString());
        var result = context.GetProperty("data").GetProperty("result");
        Assert.Equal(JsonElement.Parse(messages).GetRawText(), result.GetProperty("messages").GetRawText());
    }

    [Fact]
    public async Task Run_runs_a_turn_on_the_history_after_its_answer()
    {
        var model = new ScriptedChatClient().Then(Step.Says("Ok."));
        await using var host = await LlmHost.StartAsync(model);
        await using var client = await host.ConnectAsync();
        await client.RequestAsync("action", Action("append_to_messages", Args(("messages", """[{"role":"user","content":"Go"}]"""), ("run_immediately", "false"))));

        var id = await client.SendAsync("action", Action("run", Args(("interrupt", "false"))));
        var transcript = await client.ReceiveUntilAsync("bot-llm-stopped");

        Assert.Equal("action-response " + id + """ {"result":true}""", Line(transcript[0]));
        Assert.Equal("user-llm-text Go", Line(transcript[1]));
        Assert.Equal("bot-llm-text Ok.", Line(transcript.Single(m => m.Type() == "bot-llm-text")));
    }

    [Theory]
    [InlineData("append_to_messages", """[]""", "Invalid message: missing required argument 'messages'")]
    [InlineData("append_to_messages", """[{"name":"messages","value":"hi"}]""", "Invalid message: 'messages' must be an array")]
    [InlineData("append_to_messages", """[{"name":"messages","value":[{"content":"hi"}]}]""", "Invalid message: 'messages[0].role' must be a non-empty string")]
    [InlineData("append_to_messages", """[{"name":"messages","value":[{"role":"user","content":5}]}]""", "Invalid message: 'messages[0].content' must be a string or an array of parts")]
    [InlineData("append_to_messages", """[{"name":"messages","value":[]},{"name":"run_immediately","value":"yes"}]""", "Invalid message: 'run_immediately' must be a bool")]
    [InlineData("set_context", """[{"name":"messages","value":[{"role":"tool","content":"x"}]}]""", "Invalid message: 'messages[0].tool_call_id' must be a string")]
    [InlineData("set_context", """[{"name":"messages","value":[{"role":"assistant","tool_calls":[{"id":"c"}]}]}]""", "Invalid message: 'messages[0].tool_calls[0]' must be {id, function:{name, arguments}}")]
    [InlineData("run", """[{"name":"interrupt","value":1}]""", "Invalid message: 'interrupt' must be a bool")]
    public async Task Bad_arguments_get_exactly_one_error_and_change_nothing(string action, string arguments, string error)
    {
        var model = new ScriptedChatClient();
        await using var host = await LlmHost.StartAsync(model, system: "Kept.");
        await using var client = await host.ConnectAsync();

        var id = await client.SendAsync("action", Action(action, arguments));
        var probe = await client.SendAsync("action", Action("get_context"));
        var answers = await client.ReceiveUntilAsync("action-response");

        Assert.Equal(2, answers.Count);
        Assert.Equal(("error-response", id, error), (answers[0].Type(), answers[0].GetProperty("id").GetString(), answers[0].GetProperty("data").GetProperty("error").GetString()));
        Assert.Equal(probe, answers[1].GetProperty("id").GetString());
        Assert.Equal("""[{"role":"system","content":"Kept."}]""", answers[^1].GetProperty("data").GetProperty("result").GetProperty("messages").GetRawText());
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task The_actions_can_be_turned_off_or_renamed()
    {
        await using var off = await LlmHost.StartAsync(new ScriptedChatClient(), configure: o => o.RegisterLlmActions = false);
        await using var renamed = await LlmHost.StartAsync(new ScriptedChatClient(), configure: o => o.LlmActionService = "brain");
        await using var offClient = await off.ConnectAsync();
        await using var renamedClient = await renamed.ConnectAsync();

        var none = await offClient.RequestAsync("describe-actions", "{}");
        var brain = await renamedClient.RequestAsync("describe-actions", "{}");

        Assert.Empty(none.GetProperty("data").GetProperty("actions").EnumerateArray());
        Assert.All(brain.GetProperty("data").GetProperty("actions").EnumerateArray(), a => Assert.Equal("brain", a.GetProperty("service").GetString()));
    }

    /// <summary>One line per message: type, id when present, data (text events: the text; metrics: nothing).</summary>
    private static string Line(JsonElement message)
    {
        var type = message.Type();
        var id = message.TryGetProperty("id", out var i) ? " " + i.GetString() : "";
        if (type == "metrics" || !message.TryGetProperty("data", out var data))
        {
            return type + id;
        }
        return data.ValueKind == JsonValueKind.Object && data.TryGetProperty("text", out var text) && data.EnumerateObject().Count() == 1
            ? type + id + " " + text.GetString()
            : type + id + " " + data.GetRawText();
    }

    /// <summary>A bot of <c>AddRtvi().AddConversation()</c> with a scripted model on a free loopback port.</summary>
    private sealed class LlmHost : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private LlmHost(WebApplication app) => _app = app;

        public static async Task<LlmHost> StartAsync(ScriptedChatClient model, string? system = null, Action<RtviConversationOptions>? configure = null)
        {
            var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddRtvi().AddConversation(options =>
            {
                options.ChatClient = model;
                options.SystemPrompt = system;
                configure?.Invoke(options);
            });
            var app = builder.Build();
            app.UseWebSockets();
            app.MapRtvi("/ws");
            await app.StartAsync();
            return new LlmHost(app);
        }

        /// <summary>A client after its handshake: 0.3 (no version) unless <paramref name="version"/> says otherwise.</summary>
        public async Task<RtviTestClient> ConnectAsync(string? version = null)
        {
            var client = await RtviTestClient.ConnectAsync(new Uri(_app.Urls.Single().Replace("http", "ws", StringComparison.Ordinal) + "/ws"));
            await client.HandshakeAsync(version);
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
