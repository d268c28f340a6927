using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rtvi.Conformance;

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<JsonElement>))]
internal sealed partial class FixtureJson : JsonSerializerContext;
