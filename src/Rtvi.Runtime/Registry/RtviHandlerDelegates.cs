using System.Text.Json;

namespace Rtvi;

/// <summary>
/// Converts an option's wire value to its C# type (throwing <see cref="RtviBindingException"/> on failure) and returns
/// the step that applies it. Binding happens for every option of an <c>update-config</c> before any is applied.
/// </summary>
public delegate RtviOptionApply RtviOptionBinder(JsonElement value);

/// <summary>Applies an already bound option value (runs the option handler).</summary>
public delegate ValueTask RtviOptionApply(RtviOptionContext context, CancellationToken cancellationToken);

/// <summary>Binds an action's arguments and runs it, returning its result.</summary>
public delegate ValueTask<RtviResult> RtviActionHandler(RtviActionContext context, RtviArguments arguments, CancellationToken cancellationToken);

/// <summary>
/// Binds a <c>client-message</c>'s <c>d</c> (<see cref="JsonValueKind.Undefined"/> when absent) and runs the handler,
/// returning the <c>server-response</c>'s <c>d</c>.
/// </summary>
public delegate ValueTask<RtviResult> RtviClientMessageHandler(RtviClientMessageContext context, JsonElement data, CancellationToken cancellationToken);
