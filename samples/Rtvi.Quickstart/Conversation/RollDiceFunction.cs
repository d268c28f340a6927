using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Rtvi.Quickstart.Conversation;

/// <summary>
/// <c>roll_dice</c>: a function that runs in the bot (not in the browser). The conversation reports its calls to the
/// client (<c>llm-function-call-started</c> / <c>-in-progress</c> / <c>-stopped</c>). Written by hand rather than with
/// <c>AIFunctionFactory</c>, whose reflection does not suit Native AOT.
/// </summary>
public sealed class RollDiceFunction : AIFunction
{
    /// <summary>The function name.</summary>
    public const string FunctionName = "roll_dice";

    private static readonly JsonElement s_schema = JsonDocument.Parse(
        """{"type":"object","properties":{"sides":{"type":"integer","minimum":2,"maximum":100,"description":"How many sides the die has (6 when omitted)."}}}""").RootElement.Clone();

    /// <inheritdoc />
    public override string Name => FunctionName;

    /// <inheritdoc />
    public override string Description => "Rolls a die in the bot and returns the number of sides and the value rolled.";

    /// <inheritdoc />
    public override JsonElement JsonSchema => s_schema;

    /// <inheritdoc />
    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var sides = Math.Clamp(arguments.TryGetValue("sides", out var value) ? Sides(value) : 6, 2, 100);
        var rolled = Random.Shared.Next(1, sides + 1);
        using var result = JsonDocument.Parse(string.Create(CultureInfo.InvariantCulture, $$"""{"sides":{{sides}},"value":{{rolled}}}"""));
        return new(result.RootElement.Clone());
    }

    private static int Sides(object? value) => value switch
    {
        int number => number,
        long number => (int)Math.Clamp(number, 2, 100),
        JsonElement { ValueKind: JsonValueKind.Number } element when element.TryGetInt32(out var number) => number,
        _ => 6,
    };
}
