using System.Text.Json.Serialization;
using Rtvi;
using Rtvi.Quickstart.Bot;

// The generated binders serialize the bot's records through this context (no reflection, Native AOT safe).
[assembly: RtviJsonContext(typeof(QuickstartJson))]

namespace Rtvi.Quickstart.Bot;

/// <summary>Source-generated JSON metadata for the bot's action and client-message types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(Fact))]
[JsonSerializable(typeof(LlmSettings))]
[JsonSerializable(typeof(Feedback))]
[JsonSerializable(typeof(FeedbackReceipt))]
[JsonSerializable(typeof(ServerNotice))]
[JsonSerializable(typeof(string[]))]
public sealed partial class QuickstartJson : JsonSerializerContext;
