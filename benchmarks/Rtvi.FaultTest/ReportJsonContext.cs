using System.Text.Json.Serialization;

namespace Rtvi.FaultTest;

/// <summary>Source-generated serialization of the report (reflection-based serialization is disabled in this project).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FaultTestReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
