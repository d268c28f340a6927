using System.Text.Json;

namespace Rtvi.Protocol;

/// <summary><c>client-ready</c>: the version as sent (any JSON), the version string if it is one, and <c>about</c>.</summary>
internal sealed record ClientReadyRequest(JsonElement Version, string? VersionText, JsonElement? About);

/// <summary>
/// <c>action</c>: the action key parts (JSON strings) and its argument map, all views of one document over the message's
/// own bytes that <see cref="Arguments"/> owns: released once the handler is done (<see cref="RtviArguments.Release"/>).
/// </summary>
internal readonly record struct ActionRequest(JsonElement Service, JsonElement Action, RtviArguments Arguments);

/// <summary>One option value of an <c>update-config</c>.</summary>
internal readonly record struct ConfigValue(string Option, JsonElement Value);

/// <summary>One service entry of an <c>update-config</c>: the service and its values.</summary>
internal sealed record ConfigEntry(string Service, IReadOnlyList<ConfigValue> Values);

/// <summary><c>update-config</c>: every entry in request order, and whether to interrupt first.</summary>
internal sealed record UpdateConfigRequest(IReadOnlyList<ConfigEntry> Entries, bool Interrupt);

/// <summary><c>client-message</c>: its type <c>t</c> and payload <c>d</c> (Undefined when absent).</summary>
internal sealed record ClientMessageRequest(string T, JsonElement D);

/// <summary><c>llm-function-call-result</c>.</summary>
internal sealed record FunctionCallResultRequest(string FunctionName, string ToolCallId, JsonElement Arguments, JsonElement Result);
