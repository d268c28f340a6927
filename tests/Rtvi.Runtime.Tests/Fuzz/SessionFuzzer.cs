using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Rtvi.Conformance;
using Rtvi.Protocol;
using Rtvi.Tests.Reliability;
using Rtvi.Transports;

namespace Rtvi.Tests.Fuzz;

/// <summary>
/// Runs one fuzz case against a fresh session of the conformance bot and checks, after every message, that the session
/// still answers; at the end, that no exception escaped, every request with an id was answered exactly once (no
/// invented or repeated ids), events carry no id, and the session's queues stayed within their byte budgets.
/// </summary>
internal sealed class SessionFuzzer
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private static readonly HashSet<string> s_responseTypes =
        ["bot-ready", "config", "config-available", "actions-available", "action-response", "server-response", "error-response"];

    private static readonly HashSet<string> s_successWithoutAnswer = ["raw-audio", "raw-audio-batch", "llm-function-call-result"];

    private static readonly HashSet<string> s_appMessages = ["send-text", "append-to-context", "dtmf", "ui-event", "ui-snapshot", "ui-cancel-job-group"];

    private static readonly ConcurrentDictionary<RtviProtocolMode, RtviRegistry> s_registries = new();

    private long _messages;
    private long _cases;

    /// <summary>Fuzzed messages sent so far (probes and handshakes not counted).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Cases run so far.</summary>
    public long Cases => Interlocked.Read(ref _cases);

    public async Task RunAsync(RtviProtocolMode mode, FuzzMessage[] messages)
    {
        var log = new CapturedLog();
        var options = ConformanceFixtures.CreateOptions(mode);
        options.Limits.MaxOutboxBytes = 1024 * 1024;
        options.Limits.MaxPendingBytes = 1024 * 1024;
        RtviSession? session = null;
        options.Hooks.OnSessionStarted = (s, _) =>
        {
            session = s;
            return default;
        };
        var registry = s_registries.GetOrAdd(mode, ConformanceFixtures.CreateRegistry);
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Warning));
        var server = new RtviServer(registry, options, loggers);
        var connection = new RtviInMemoryConnection();
        var run = server.RunSessionAsync(connection);
        var received = new List<JsonObject>();
        var inbound = Channel.CreateUnbounded<JsonObject>();
        var reader = Task.Run(async () =>
        {
            while (await connection.ClientReceiveAsync() is { } text)
            {
                await inbound.Writer.WriteAsync(JsonNode.Parse(text)!.AsObject());
            }
            inbound.Writer.TryComplete();
        });

        var sentIds = new HashSet<string>(StringComparer.Ordinal) { "hs", "drain" };
        var timesSent = new Dictionary<string, int>(StringComparer.Ordinal);
        await connection.ClientSendAsync(Transcript.Msg("client-ready", "hs", mode == RtviProtocolMode.V2 ? "{'version':'2.1.0'}" : "{}"));
        await ReceiveUntil(inbound, received, "hs", "bot-ready");
        var tracked = new List<(string Id, string Type, bool AlwaysAnswered)>();
        for (var i = 0; i < messages.Length; i++)
        {
            var index = i + 1;
            var bytes = messages[i].Render(index);
            var envelope = EnvelopeReader.Read(bytes);
            if (envelope.Id is { } id)
            {
                sentIds.Add(id);
                timesSent[id] = timesSent.GetValueOrDefault(id) + 1;
            }
            if (messages[i].TrackedId(index) is { } trackedId && envelope.Id == trackedId && envelope.Status is EnvelopeStatus.Valid or EnvelopeStatus.InvalidData)
            {
                tracked.Add((trackedId, envelope.Type!, envelope.Status == EnvelopeStatus.InvalidData || AlwaysAnswered(mode, envelope.Type!)));
            }
            await connection.ClientSendAsync(bytes);
            Interlocked.Increment(ref _messages);
            var probe = "p" + index;
            sentIds.Add(probe);
            await connection.ClientSendAsync(Transcript.Msg("fuzz-probe", probe, "{}"));
            await ReceiveUntil(inbound, received, probe, "error-response");
        }
        await connection.ClientSendAsync(mode == RtviProtocolMode.V2
            ? Transcript.Msg("client-message", "drain", "{'t':'test.echo'}")
            : Transcript.Msg("action", "drain", "{'service':'test','action':'echo'}"));
        await ReceiveUntil(inbound, received, "drain", null);

        Assert.True(session!.PendingBytes <= options.Limits.MaxPendingBytes, "pending bytes within the budget");
        Assert.True(session.InboxBytes <= options.Limits.MaxInboxBytes + options.Limits.MaxMessageBytes, "inbox bytes within the budget");
        Assert.True(session.OutboxBytes <= options.Limits.MaxOutboxBytes + options.Limits.MaxMessageBytes, "outbox bytes within the budget");
        connection.ClientClose();
        await run.WaitAsync(s_timeout);
        await reader.WaitAsync(s_timeout);
        while (inbound.Reader.TryRead(out var late))
        {
            received.Add(late);
        }
        Assert.Equal(RtviSessionEndReason.ClientClosed, session.EndReason);
        // An id the client reused (a duplicate) may rightly be answered once per use: only ids sent once are tracked.
        Check(received, sentIds, [.. tracked.Where(t => timesSent.GetValueOrDefault(t.Id) == 1)]);
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Error && !e.Message.Contains("test:fail", StringComparison.Ordinal));
        Interlocked.Increment(ref _cases);
    }

    /// <summary>Types answered whatever the payload: everything but audio, function-call results and, where served, app messages.</summary>
    private static bool AlwaysAnswered(RtviProtocolMode mode, string type) =>
        !s_successWithoutAnswer.Contains(type) && (mode == RtviProtocolMode.V0_3 || !s_appMessages.Contains(type));

    private static void Check(List<JsonObject> received, HashSet<string> sentIds, List<(string Id, string Type, bool AlwaysAnswered)> tracked)
    {
        var answers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var message in received)
        {
            var type = (string)message["type"]!;
            if (!s_responseTypes.Contains(type))
            {
                Assert.False(message.ContainsKey("id"), "an event carries no id: " + message.ToJsonString());
                continue;
            }
            var id = Assert.IsType<string>((string?)message["id"]);
            Assert.True(sentIds.Contains(id), "a response answers an id the client sent: " + message.ToJsonString());
            (answers.TryGetValue(id, out var list) ? list : answers[id] = []).Add(type);
        }
        foreach (var (id, type, always) in tracked)
        {
            var got = answers.GetValueOrDefault(id) ?? [];
            if (type == "client-ready")
            {
                // A 2.x handshake may add one version error-response before its bot-ready.
                Assert.True(got.Count(t => t == "bot-ready") <= 1 && got.Count(t => t == "error-response") <= 1 && got.Count <= 2, $"{id} ({type}) answered {string.Join(",", got)}");
            }
            else
            {
                Assert.True(got.Count <= 1, $"{id} ({type}) answered more than once: {string.Join(",", got)}");
            }
            if (always)
            {
                Assert.True(got.Count >= 1, $"{id} ({type}) was not answered");
            }
        }
    }

    private static async Task ReceiveUntil(Channel<JsonObject> inbound, List<JsonObject> received, string id, string? type)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        while (true)
        {
            JsonObject message;
            try
            {
                message = await inbound.Reader.ReadAsync(timeout.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
            {
                throw new Xunit.Sdk.XunitException($"The session stopped answering: no answer to {id}");
            }
            received.Add(message);
            if ((string?)message["id"] == id && (type is null || (string?)message["type"] == type))
            {
                return;
            }
        }
    }
}
