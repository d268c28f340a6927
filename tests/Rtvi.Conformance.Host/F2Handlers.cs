using System.Text.Json;

namespace Rtvi.Conformance;

/// <summary>The <c>d</c> of <c>test.invoke_tool</c>.</summary>
public sealed record InvokeToolRequest(string FunctionName, string ToolCallId, JsonElement? Arguments);

/// <summary>Fixture F2 (protocol 2.1.0): client-message handlers.</summary>
public static class F2Handlers
{
    /// <summary><c>test.echo</c>: answers with the request's <c>d</c> (absent if it had none).</summary>
    [RtviClientMessage("test.echo")]
    public static JsonElement? Echo(JsonElement? d) => d;

    /// <summary><c>test.fail</c>: answers <c>error-response</c> "boom".</summary>
    [RtviClientMessage("test.fail")]
    public static void Fail() => throw new RtviRequestException("boom");

    /// <summary><c>test.server_message</c>: sends <c>server-message</c> with <c>d</c>, then answers "ok".</summary>
    [RtviClientMessage("test.server_message")]
    public static async Task<string> ServerMessageAsync(JsonElement? d, RtviSession session, CancellationToken cancellationToken)
    {
        await session.Events.ServerMessageAsync(d ?? default, cancellationToken);
        return "ok";
    }

    /// <summary><c>test.invoke_tool</c>: relays the call through the 2.x lifecycle (≤ 10 s) and answers with its result.</summary>
    [RtviClientMessage("test.invoke_tool")]
    public static async Task<JsonElement> InvokeToolAsync(InvokeToolRequest d, RtviSession session, CancellationToken cancellationToken) =>
        await session.CallClientFunctionAsync(
            d.FunctionName, d.ToolCallId, d.Arguments is { ValueKind: JsonValueKind.Object } args ? args : default,
            TimeSpan.FromSeconds(10), cancellationToken);
}
