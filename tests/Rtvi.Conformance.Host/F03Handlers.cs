using System.Text.Json;

namespace Rtvi.Conformance;

// Fixture F03 (protocol 0.3.0): services, options and actions in the order shared/conformance-fixture.md gives them.
// Every option handler appends [service, option, value] to the session's handler log.

/// <summary>F03 service <c>llm</c>.</summary>
[RtviService("llm")]
public static class LlmService
{
    /// <summary><c>llm.model</c> (string).</summary>
    [RtviOption("model")]
    public static void SetModel(string? model, RtviOptionContext context) => HandlerLog.Append(context, FixtureJson.Of(model));

    /// <summary><c>llm.temperature</c> (number).</summary>
    [RtviOption("temperature")]
    public static void SetTemperature(double? temperature, RtviOptionContext context) => HandlerLog.Append(context, FixtureJson.Of(temperature));

    /// <summary><c>llm.messages</c> (array).</summary>
    [RtviOption("messages")]
    public static void SetMessages(JsonElement[]? messages, RtviOptionContext context) => HandlerLog.Append(context, FixtureJson.Of(messages));
}

/// <summary>F03 service <c>tts</c> and its action <c>say</c>.</summary>
[RtviService("tts")]
public static class TtsService
{
    /// <summary><c>tts.voice</c> (string).</summary>
    [RtviOption("voice")]
    public static void SetVoice(string? voice, RtviOptionContext context) => HandlerLog.Append(context, FixtureJson.Of(voice));

    /// <summary><c>tts:say</c>: args text, interrupt (optional, default false); returns true.</summary>
    [RtviAction("say")]
    public static bool Say(string text, bool interrupt = false) => true;
}

/// <summary>F03 service <c>stt</c>.</summary>
[RtviService("stt")]
public static class SttService
{
    /// <summary><c>stt.language</c> (string).</summary>
    [RtviOption("language")]
    public static void SetLanguage(string? language, RtviOptionContext context) => HandlerLog.Append(context, FixtureJson.Of(language));
}

/// <summary>F03 actions of the <c>test</c> service (actions only: it has no options and no config entry).</summary>
public static class TestActions
{
    /// <summary><c>test:echo</c>: declares a (number) and b (object) but returns the raw argument map as sent.</summary>
    [RtviAction("echo", Service = "test")]
    [RtviArgument("a", RtviWireType.Number)]
    [RtviArgument("b", RtviWireType.Object)]
    public static RtviArguments Echo(RtviArguments arguments) => arguments;

    /// <summary><c>test:fail</c>: always throws.</summary>
    [RtviAction("fail", Service = "test")]
    public static bool Fail() => throw new InvalidOperationException("test:fail always fails");

    /// <summary><c>test:slow</c>: waits <paramref name="ms"/> milliseconds and returns it.</summary>
    [RtviAction("slow", Service = "test")]
    public static async Task<double> SlowAsync(double ms, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(ms, 0, 60_000)), cancellationToken);
        return ms;
    }

    /// <summary><c>test:handler_log</c>: the handler log since the previous call, which is then cleared.</summary>
    [RtviAction("handler_log", Service = "test")]
    public static List<JsonElement> TakeHandlerLog(RtviSession session) => HandlerLog.Take(session);

    /// <summary><c>test:invoke_tool</c>: relays a function call to the client and returns its result (10 s at most).</summary>
    [RtviAction("invoke_tool", Service = "test")]
    public static async Task<JsonElement> InvokeToolAsync(
        string functionName, string toolCallId, JsonElement args, RtviSession session, CancellationToken cancellationToken) =>
        await session.CallClientFunctionAsync(functionName, toolCallId, args, TimeSpan.FromSeconds(10), cancellationToken);

    /// <summary><c>test:server_message</c>: sends <c>server-message</c> with <paramref name="payload"/>, returns true.</summary>
    [RtviAction("server_message", Service = "test")]
    public static async Task<bool> ServerMessageAsync(JsonElement payload, RtviSession session, CancellationToken cancellationToken)
    {
        await session.Events.ServerMessageAsync(payload, cancellationToken);
        return true;
    }
}

/// <summary>The per-session handler log of fixture F03.</summary>
public static class HandlerLog
{
    private const string Key = "handler_log";

    /// <summary>Appends <c>[service, option, value]</c>.</summary>
    public static void Append(RtviOptionContext context, JsonElement value) =>
        Entries(context.Session).Add(FixtureJson.Of(new List<JsonElement> { FixtureJson.Of(context.Service), FixtureJson.Of(context.Option), value }));

    /// <summary>Appends the string <c>"interrupt"</c>.</summary>
    public static void AppendInterrupt(RtviSession session) => Entries(session).Add(FixtureJson.Of("interrupt"));

    /// <summary>Returns the entries so far and clears the log.</summary>
    public static List<JsonElement> Take(RtviSession session)
    {
        var entries = Entries(session);
        lock (entries)
        {
            var copy = new List<JsonElement>(entries);
            entries.Clear();
            return copy;
        }
    }

    private static List<JsonElement> Entries(RtviSession session)
    {
        lock (session.Items)
        {
            if (session.Items.TryGetValue(Key, out var existing) && existing is List<JsonElement> log)
            {
                return log;
            }
            var created = new List<JsonElement>();
            session.Items[Key] = created;
            return created;
        }
    }
}
