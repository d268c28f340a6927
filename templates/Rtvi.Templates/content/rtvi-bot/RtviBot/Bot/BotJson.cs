using System.Text.Json.Serialization;
using Rtvi;
using RtviBot.Bot;

// The generated binders read and write the records above through this context: no reflection, Native AOT safe.
[assembly: RtviJsonContext(typeof(BotJson))]

namespace RtviBot.Bot;

/// <summary>Source-generated JSON metadata for the handlers' records (snake_case on the wire).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GreetRequest))]
[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(EchoMessage))]
[JsonSerializable(typeof(EchoReply))]
public sealed partial class BotJson : JsonSerializerContext;
