using System.Text.Json.Serialization;

namespace Rtvi.Generators.Tests;

/// <summary>A complex argument type the generated binders deserialize through <see cref="TestJsonContext"/>.</summary>
public sealed record WeatherQuery(string City, int Days = 1);

/// <summary>A complex result type.</summary>
public sealed record Forecast(string City, double Celsius);

/// <summary>The serializer context test bots name with <c>[assembly: RtviJsonContext(typeof(TestJsonContext))]</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WeatherQuery))]
[JsonSerializable(typeof(Forecast))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(Dictionary<string, int>))]
[JsonSerializable(typeof(List<Forecast>))]
[JsonSerializable(typeof(TimeSpan))]
[JsonSerializable(typeof(Forecast[]), TypeInfoPropertyName = "ForecastList")]
public sealed partial class TestJsonContext : JsonSerializerContext;
