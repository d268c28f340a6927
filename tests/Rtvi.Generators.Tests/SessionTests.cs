using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Rtvi.Transports;

namespace Rtvi.Generators.Tests;

/// <summary>
/// A generated bot behind a real session: <c>AddRtvi().AddGeneratedHandlers()</c>, an in-memory connection, and message
/// transcripts (→ sent, ← expected; single quotes stand for double quotes).
/// </summary>
public sealed class SessionTests : IClassFixture<SessionTests.BotFixture>
{
    private const string Source = """
        using Rtvi.Generators.Tests;

        namespace Bot;

        public interface IGreeter { string Greet(string name); }

        public sealed class Greeter : IGreeter { public string Greet(string name) => "hello " + name; }

        [RtviService("counter")]
        public sealed class Counter(IGreeter greeter)
        {
            private int _total;

            [RtviOption("step")]
            public void SetStep(int step, RtviOptionContext context) => _total += context.IsInitial ? 0 : step;

            [RtviAction("add")]
            public ValueTask<int> AddAsync(int amount, CancellationToken cancellationToken) => new(_total += amount);

            [RtviAction("greet")]
            public string Greet(string name, RtviActionContext context) => greeter.Greet(name) + " via " + context.Service + ":" + context.Action;
        }

        public static class Messages
        {
            [RtviClientMessage("get-weather")]
            public static Task<Forecast> GetWeatherAsync(WeatherQuery query, RtviSession session) =>
                Task.FromResult(new Forecast(query.City, query.Days));

            [RtviClientMessage("test.echo")]
            public static JsonElement Echo(JsonElement d = default) => d;
        }
        """;

    private readonly BotFixture _bot;

    public SessionTests(BotFixture bot) => _bot = bot;

    [Fact]
    public async Task Describe_actions_lists_the_generated_arguments_and_results()
    {
        await using var t = await _bot.StartAsync();
        await t.Send("{'label':'rtvi-ai','type':'describe-actions','id':'d1','data':{}}");
        await t.Expect("""
            {'label':'rtvi-ai','type':'actions-available','id':'d1','data':{'actions':[
              {'service':'counter','action':'add','arguments':[{'name':'amount','type':'number'}],'result':'number'},
              {'service':'counter','action':'greet','arguments':[{'name':'name','type':'string'}],'result':'string'}]}}
            """);
    }

    [Fact]
    public async Task Instance_handlers_are_per_session_and_get_constructor_and_context_injection()
    {
        await using var first = await _bot.StartAsync();
        await first.Send("{'label':'rtvi-ai','type':'action','id':'a1','data':{'service':'counter','action':'add','arguments':[{'name':'amount','value':2}]}}");
        await first.Expect("{'label':'rtvi-ai','type':'action-response','id':'a1','data':{'result':2}}");
        await first.Send("{'label':'rtvi-ai','type':'update-config','id':'u1','data':{'config':[{'service':'counter','options':[{'name':'step','value':10}]}]}}");
        await first.ExpectType("config", "u1");
        await first.Send("{'label':'rtvi-ai','type':'action','id':'a2','data':{'service':'counter','action':'add','arguments':[{'name':'amount','value':3}]}}");
        await first.Expect("{'label':'rtvi-ai','type':'action-response','id':'a2','data':{'result':15}}");

        await using var second = await _bot.StartAsync();
        await second.Send("{'label':'rtvi-ai','type':'action','id':'b1','data':{'service':'counter','action':'add','arguments':[{'name':'amount','value':1}]}}");
        await second.Expect("{'label':'rtvi-ai','type':'action-response','id':'b1','data':{'result':1}}");
        await second.Send("{'label':'rtvi-ai','type':'action','id':'b2','data':{'service':'counter','action':'greet','arguments':[{'name':'name','value':'Ada'}]}}");
        await second.Expect("{'label':'rtvi-ai','type':'action-response','id':'b2','data':{'result':'hello Ada via counter:greet'}}");
    }

    [Fact]
    public async Task Binding_errors_become_invalid_message_error_responses()
    {
        await using var t = await _bot.StartAsync();
        await t.Send("{'label':'rtvi-ai','type':'action','id':'a1','data':{'service':'counter','action':'add','arguments':[{'name':'amount','value':'two'}]}}");
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'a1','data':{'error':'Invalid message: \\'amount\\' must be a number'}}");
        await t.Send("{'label':'rtvi-ai','type':'action','id':'a2','data':{'service':'counter','action':'greet'}}");
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'a2','data':{'error':'Invalid message: missing required argument \\'name\\''}}");
    }

    [Fact]
    public async Task Client_messages_bind_d_and_answer_with_server_response()
    {
        await using var t = await _bot.StartAsync("2.1.0");
        await t.Send("{'label':'rtvi-ai','type':'client-message','id':'m1','data':{'t':'get-weather','d':{'city':'Paris','days':2}}}");
        await t.Expect("{'label':'rtvi-ai','type':'server-response','id':'m1','data':{'t':'get-weather','d':{'city':'Paris','celsius':2}}}");
        await t.Send("{'label':'rtvi-ai','type':'client-message','id':'m2','data':{'t':'test.echo'}}");
        await t.Expect("{'label':'rtvi-ai','type':'server-response','id':'m2','data':{'t':'test.echo'}}");
        await t.Send("{'label':'rtvi-ai','type':'client-message','id':'m3','data':{'t':'get-weather'}}");
        await t.Expect("{'label':'rtvi-ai','type':'error-response','id':'m3','data':{'error':'Invalid message: missing required argument \\'d\\''}}");
    }

    /// <summary>One session over an in-memory connection.</summary>
    public sealed class Session : IAsyncDisposable
    {
        private readonly RtviInMemoryConnection _connection = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public Session(RtviServer server) => _run = server.RunSessionAsync(_connection, _stop.Token);

        public ValueTask Send(string json) => _connection.ClientSendAsync(json.Replace('\'', '"'));

        public async Task<JsonObject> Receive()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var text = await _connection.ClientReceiveAsync(timeout.Token) ?? throw new Xunit.Sdk.XunitException("The server closed the connection.");
            return JsonNode.Parse(text)!.AsObject();
        }

        public async Task Expect(string expected)
        {
            var actual = await Receive();
            var want = JsonNode.Parse(expected.Replace("\\'", "\u0001").Replace('\'', '"').Replace("\u0001", "'"));
            Assert.True(JsonNode.DeepEquals(want, actual), $"Expected {want!.ToJsonString()}\n     got {actual.ToJsonString()}");
        }

        public async Task ExpectType(string type, string id)
        {
            var actual = await Receive();
            Assert.Equal(type, (string?)actual["type"]);
            Assert.Equal(id, (string?)actual["id"]);
        }

        public async ValueTask DisposeAsync()
        {
            _connection.ClientClose();
            await _stop.CancelAsync();
            await _run.WaitAsync(TimeSpan.FromSeconds(10));
            _stop.Dispose();
        }
    }

    /// <summary>Generates and loads the bot once; each test starts sessions on one DI-built server.</summary>
    public sealed class BotFixture : IDisposable
    {
        private readonly LoadedBot _bot = GeneratorHarness.Load(Source);
        private readonly ServiceProvider _services;

        public BotFixture()
        {
            var services = new ServiceCollection();
            services.AddScoped(_bot.Assembly.GetType("Bot.IGreeter")!, _bot.Assembly.GetType("Bot.Greeter")!);
            _bot.AddGeneratedHandlers(services.AddRtvi(options => options.InitialConfig =
                [new RtviServiceConfig("counter", [RtviOptionValue.Of("step", 100)])]));
            _services = services.BuildServiceProvider();
        }

        public async Task<Session> StartAsync(string? version = null)
        {
            var session = new Session(_services.GetRequiredService<RtviServer>());
            await session.Send(version is null
                ? "{'label':'rtvi-ai','type':'client-ready','id':'r1','data':{}}"
                : "{'label':'rtvi-ai','type':'client-ready','id':'r1','data':{'version':'" + version + "'}}");
            await session.ExpectType("bot-ready", "r1");
            return session;
        }

        public void Dispose()
        {
            _services.Dispose();
            _bot.Dispose();
        }
    }
}
