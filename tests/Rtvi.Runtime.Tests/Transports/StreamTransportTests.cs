using System.IO.Pipelines;
using System.Text;
using System.Text.Json.Nodes;
using Rtvi.Transports;
using static Rtvi.Tests.Transcript;

namespace Rtvi.Tests.Transports;

/// <summary>NDJSON over a pair of in-memory streams (what stdio carries): one envelope per line each way.</summary>
public sealed class StreamTransportTests
{
    private const int MaxMessageBytes = 1024;
    private const string EchoRequest = "{\"label\":\"rtvi-ai\",\"type\":\"action\",\"id\":\"e1\",\"data\":{\"service\":\"test\",\"action\":\"echo\",\"arguments\":[]}}";
    private const string EchoResponse = "{'label':'rtvi-ai','type':'action-response','id':'e1','data':{'result':{}}}";
    private const string TooLarge = "{'label':'rtvi-ai','type':'error','data':{'error':'Invalid RTVI transport message: message too large','fatal':false}}";

    [Fact]
    public async Task Handshake_and_action_travel_as_lines()
    {
        await using var s = Stdio.Start();
        await s.Write(Msg("client-ready", "r1", "{}") + "\n");
        var ready = await s.Receive();
        Assert.Equal(("bot-ready", "r1"), ((string?)ready["type"], (string?)ready["id"]));
        await s.Write(EchoRequest + "\n");
        await s.Expect(EchoResponse);
    }

    [Fact]
    public async Task Every_outbound_message_is_one_line_ending_in_a_bare_newline()
    {
        await using var s = Stdio.Start();
        await s.Write(Msg("client-ready", "r1", "{}") + "\r\n" + EchoRequest + "\r\n");
        var first = await s.ReadRawLine();
        var second = await s.ReadRawLine();
        Assert.All([first, second], line =>
        {
            Assert.EndsWith("\n", line, StringComparison.Ordinal);
            Assert.DoesNotContain("\r", line, StringComparison.Ordinal);
            Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        });
    }

    [Fact]
    public async Task Blank_and_whitespace_lines_are_skipped()
    {
        await using var s = await Stdio.Ready();
        await s.Write("\n\n   \n\t\r\n \r\n");
        await s.Write(EchoRequest + "\n");
        await s.Expect(EchoResponse);
    }

    [Fact]
    public async Task Crlf_line_endings_are_accepted()
    {
        await using var s = Stdio.Start();
        await s.Write(Msg("client-ready", "r1", "{}") + "\r\n");
        await s.Receive();
        await s.Write(EchoRequest + "\r\n");
        await s.Expect(EchoResponse);
    }

    [Fact]
    public async Task A_line_split_across_writes_is_read_whole()
    {
        await using var s = await Stdio.Ready();
        var bytes = Encoding.UTF8.GetBytes(EchoRequest + "\n");
        foreach (var chunk in bytes.Chunk(7))
        {
            await s.Write(chunk);
        }
        await s.Expect(EchoResponse);
    }

    [Fact]
    public async Task Oversized_line_is_reported_and_the_next_line_is_answered()
    {
        await using var s = await Stdio.Ready();
        await s.Write(new string('x', MaxMessageBytes + 1) + "\n" + EchoRequest + "\n");
        await s.Expect(TooLarge);
        await s.Expect(EchoResponse);
    }

    [Fact]
    public async Task Oversized_line_arriving_in_pieces_is_discarded_to_its_newline()
    {
        await using var s = await Stdio.Ready();
        for (var i = 0; i < 5; i++)
        {
            await s.Write(new string('x', MaxMessageBytes / 2));
        }
        await s.Write("still the same line\n" + EchoRequest + "\n");
        await s.Expect(TooLarge);
        await s.Expect(EchoResponse);
    }

    [Fact]
    public async Task Line_of_exactly_the_limit_is_accepted()
    {
        await using var s = await Stdio.Ready();
        var padding = new string(' ', MaxMessageBytes - EchoRequest.Length);
        await s.Write(EchoRequest + padding + "\n");
        await s.Expect(EchoResponse);
    }

    [Fact]
    public async Task Last_line_without_a_newline_is_answered_at_end_of_input()
    {
        await using var s = await Stdio.Ready();
        await s.Write(EchoRequest);
        await s.CompleteInput();
        await s.Expect(EchoResponse);
        await s.ExpectEnd();
    }

    [Fact]
    public async Task End_of_input_in_the_middle_of_a_message_reports_it_invalid_and_ends()
    {
        await using var s = await Stdio.Ready();
        await s.Write("{\"label\":\"rtvi-ai\",\"type\":\"act");
        await s.CompleteInput();
        var error = await s.Receive();
        Assert.Equal("error", (string?)error["type"]);
        Assert.StartsWith("Invalid RTVI transport message: ", (string?)error["data"]!["error"], StringComparison.Ordinal);
        await s.ExpectEnd();
    }

    [Fact]
    public async Task End_of_input_in_the_middle_of_an_oversized_line_reports_it_and_ends_the_session()
    {
        await using var s = await Stdio.Ready();
        await s.Write(new string('x', MaxMessageBytes * 3));
        await s.CompleteInput();
        var error = await s.Receive();
        Assert.Equal("Invalid RTVI transport message: message too large", (string?)error["data"]!["error"]);
        await s.ExpectEnd();
    }

    [Fact]
    public async Task End_of_input_between_lines_ends_the_session_after_pending_answers()
    {
        await using var s = await Stdio.Ready();
        await s.Write(EchoRequest + "\n");
        await s.CompleteInput();
        await s.Expect(EchoResponse);
        await s.ExpectEnd();
    }

    /// <summary>A session over an <see cref="RtviStreamConnection"/> whose streams are in-memory pipes.</summary>
    private sealed class Stdio : IAsyncDisposable
    {
        private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
        private readonly Pipe _toServer = new();
        private readonly Pipe _toClient = new();
        private readonly RtviStreamConnection _connection;
        private readonly StreamReader _output;
        private readonly CancellationTokenSource _stop = new();

        private Stdio()
        {
            _connection = new RtviStreamConnection(_toServer.Reader.AsStream(), _toClient.Writer.AsStream());
            _output = new StreamReader(_toClient.Reader.AsStream(), Encoding.UTF8);
            var options = new RtviServerOptions();
            options.Limits.MaxMessageBytes = MaxMessageBytes;
            var registry = new RtviRegistryBuilder()
                .AddAction("test", "echo", [], RtviWireType.Object, static (_, arguments, _) => ValueTask.FromResult(RtviResult.FromArguments(arguments)))
                .Build();
            Session = RunAsync(new RtviServer(registry, options));
        }

        public Task Session { get; }

        public static Stdio Start() => new();

        public static async Task<Stdio> Ready()
        {
            var s = new Stdio();
            await s.Write(Msg("client-ready", "ready-1", "{}") + "\n");
            Assert.Equal("bot-ready", (string?)(await s.Receive())["type"]);
            return s;
        }

        public Task Write(string text) => Write(Encoding.UTF8.GetBytes(text));

        public async Task Write(byte[] bytes)
        {
            await _toServer.Writer.WriteAsync(bytes);
        }

        public Task CompleteInput() => _toServer.Writer.CompleteAsync().AsTask();

        /// <summary>The next line exactly as written, including its newline.</summary>
        public async Task<string> ReadRawLine()
        {
            using var timeout = new CancellationTokenSource(s_timeout);
            var line = new StringBuilder();
            var buffer = new char[1];
            while (await _output.ReadAsync(buffer, timeout.Token) == 1)
            {
                line.Append(buffer[0]);
                if (buffer[0] == '\n')
                {
                    break;
                }
            }
            return line.ToString();
        }

        public async Task<JsonObject> Receive()
        {
            using var timeout = new CancellationTokenSource(s_timeout);
            var line = await _output.ReadLineAsync(timeout.Token) ?? throw new Xunit.Sdk.XunitException("The server's output ended.");
            return JsonNode.Parse(line)!.AsObject();
        }

        public async Task<JsonObject> Expect(string expected)
        {
            var actual = await Receive();
            var want = JsonNode.Parse(Quote(expected));
            Assert.True(JsonNode.DeepEquals(want, actual), $"Expected {want!.ToJsonString()}\n     got {actual.ToJsonString()}");
            return actual;
        }

        /// <summary>The session ends by itself and writes nothing more.</summary>
        public async Task ExpectEnd()
        {
            await Session.WaitAsync(s_timeout);
            using var timeout = new CancellationTokenSource(s_timeout);
            Assert.Null(await _output.ReadLineAsync(timeout.Token));
        }

        private async Task RunAsync(RtviServer server)
        {
            await using (_connection)
            {
                await server.RunSessionAsync(_connection, _stop.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _toServer.Writer.CompleteAsync();
            await _stop.CancelAsync();
            await Session.WaitAsync(s_timeout);
            _stop.Dispose();
            _output.Dispose();
        }
    }
}
