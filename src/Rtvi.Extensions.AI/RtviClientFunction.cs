using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Rtvi.Extensions.AI;

/// <summary>
/// An <see cref="AIFunction"/> that runs on the client: invoking it relays the call to the session's client through
/// <see cref="RtviSession.CallClientFunctionAsync"/> (<c>llm-function-call</c>, or the 2.x started / in-progress /
/// stopped lifecycle) and returns the client's <c>llm-function-call-result</c>.
/// </summary>
/// <remarks>
/// Give it to an <see cref="IChatClient"/> in <see cref="ChatOptions.Tools"/> behind a <see cref="FunctionInvokingChatClient"/>:
/// the model's tool call id becomes the <c>tool_call_id</c> the client answers. The function is bound to one session;
/// create one per session. Arguments are written as JSON without reflection, so it is safe for Native AOT.
/// </remarks>
public sealed class RtviClientFunction : AIFunction
{
    private static readonly JsonElement s_anyObject = ParseSchema("""{"type":"object","properties":{}}""");

    /// <summary>Creates a client function.</summary>
    /// <param name="session">The session whose client runs the function.</param>
    /// <param name="name">The function name the model calls and the client's handler is registered under.</param>
    /// <param name="description">What the function does, for the model.</param>
    /// <param name="parametersSchema">A JSON schema of the arguments object; an object without properties when omitted.</param>
    /// <param name="timeout">How long to wait for the client's result; the server's configured limit when omitted.</param>
    public RtviClientFunction(RtviSession session, string name, string description, JsonElement? parametersSchema = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(description);
        if (parametersSchema is { ValueKind: not JsonValueKind.Object })
        {
            throw new ArgumentException("The parameters schema must be a JSON object.", nameof(parametersSchema));
        }
        Session = session;
        Name = name;
        Description = description;
        JsonSchema = parametersSchema?.Clone() ?? s_anyObject;
        Timeout = timeout;
    }

    /// <summary>Creates a client function whose parameters schema is given as JSON text.</summary>
    /// <param name="session">The session whose client runs the function.</param>
    /// <param name="name">The function name the model calls and the client's handler is registered under.</param>
    /// <param name="description">What the function does, for the model.</param>
    /// <param name="parametersSchemaJson">A JSON schema of the arguments object.</param>
    /// <param name="timeout">How long to wait for the client's result; the server's configured limit when omitted.</param>
    public RtviClientFunction(RtviSession session, string name, string description, string parametersSchemaJson, TimeSpan? timeout = null)
        : this(session, name, description, ParseSchema(parametersSchemaJson ?? throw new ArgumentNullException(nameof(parametersSchemaJson))), timeout)
    {
    }

    /// <summary>The session whose client runs the function.</summary>
    public RtviSession Session { get; }

    /// <summary>How long to wait for the client's result (<c>null</c>: the server's configured limit).</summary>
    public TimeSpan? Timeout { get; }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    public override JsonElement JsonSchema { get; }

    /// <inheritdoc />
    public override JsonSerializerOptions JsonSerializerOptions => AIJsonUtilities.DefaultOptions;

    /// <summary>Relays the call to the client and waits for its result.</summary>
    /// <returns>The client's result: a <see cref="string"/> when it answered with a JSON string, else the JSON object as a <see cref="JsonElement"/>.</returns>
    /// <exception cref="RtviFunctionCallTimeoutException">The client did not answer in time.</exception>
    /// <exception cref="OperationCanceledException">Cancelled, interrupted or the session ended.</exception>
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var toolCallId = CurrentToolCallId() ?? NewToolCallId();
        var json = FunctionArgumentsWriter.ToElement(arguments, JsonSerializerOptions);
        var result = await Session.CallClientFunctionAsync(Name, toolCallId, json, Timeout, cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.String ? result.GetString() : result;
    }

    // The model's id lets the client (and logs) correlate the relayed call with the conversation's tool call.
    private string? CurrentToolCallId() =>
        FunctionInvokingChatClient.CurrentContext?.CallContent is { } call && call.Name == Name && !string.IsNullOrEmpty(call.CallId)
            ? call.CallId
            : null;

    internal static string NewToolCallId() => "call_" + Guid.NewGuid().ToString("N")[..24];

    private static JsonElement ParseSchema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
