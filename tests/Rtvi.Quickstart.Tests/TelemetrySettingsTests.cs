using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Rtvi.Quickstart.Tests;

/// <summary><c>Telemetry:Exporter</c> chooses the quickstart's OpenTelemetry exporter; telemetry is off by default.</summary>
public sealed class TelemetrySettingsTests
{
    private static WebApplication Build(params string[] settings) => QuickstartApp.Build(["--Logging:LogLevel:Default=Warning", .. settings]);

    [Fact]
    public async Task Telemetry_is_off_by_default()
    {
        await using var app = Build();
        var services = app.Services;

        Assert.Null(services.GetService<MeterProvider>());
        Assert.Null(services.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData("console")]
    [InlineData("otlp")]
    [InlineData("OTLP")]
    public async Task A_configured_exporter_adds_meter_and_tracer_providers(string exporter)
    {
        await using var app = Build("--Telemetry:Exporter=" + exporter, "--Telemetry:OtlpEndpoint=http://127.0.0.1:4317");
        var services = app.Services;

        Assert.NotNull(services.GetService<MeterProvider>());
        Assert.NotNull(services.GetService<TracerProvider>());
    }

    [Fact]
    public void An_unknown_exporter_fails_at_build_naming_the_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build("--Telemetry:Exporter=zipkin"));

        Assert.Contains("Telemetry:Exporter", error.Message, StringComparison.Ordinal);
    }
}
