using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rtvi;

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class RtviJsonContext : JsonSerializerContext;
