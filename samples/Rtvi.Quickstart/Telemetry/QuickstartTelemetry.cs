using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Rtvi.Quickstart.Telemetry;

/// <summary>
/// OpenTelemetry for the quickstart, off unless <c>Telemetry:Exporter</c> says where to send it: <c>console</c> or
/// <c>otlp</c> (endpoint from <c>Telemetry:OtlpEndpoint</c>, else the standard <c>OTEL_EXPORTER_OTLP_*</c> variables).
/// Exports the RTVI meter and spans (docs/telemetry.md) and ASP.NET Core's own. A published build includes OpenTelemetry
/// only when published with <c>-p:QuickstartOpenTelemetry=true</c> (<see cref="QuickstartFeatures.HasOpenTelemetry"/>):
/// without it the trimmer removes OpenTelemetry and its exporters, and an exporter in configuration fails at start.
/// </summary>
internal static class QuickstartTelemetry
{
    /// <summary>The configuration key that chooses the exporter.</summary>
    public const string ExporterKey = "Telemetry:Exporter";

    /// <summary>The configuration key of the OTLP endpoint (optional).</summary>
    public const string OtlpEndpointKey = "Telemetry:OtlpEndpoint";

    private static readonly string[] s_meters = [RtviDiagnostics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];
    private static readonly string[] s_sources = [RtviDiagnostics.ActivitySourceName, "Microsoft.AspNetCore"];

    /// <summary>The exporters the quickstart offers.</summary>
    public enum Exporter { None, Console, Otlp }

    /// <summary>Adds OpenTelemetry with the configured exporter; nothing when <c>Telemetry:Exporter</c> is absent or <c>none</c>.</summary>
    /// <exception cref="InvalidOperationException">
    /// The exporter is not one of <c>none</c>, <c>console</c>, <c>otlp</c>, or this build was published without OpenTelemetry.
    /// </exception>
    public static IServiceCollection AddQuickstartTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var exporter = ExporterFrom(configuration);
        if (exporter == Exporter.None)
        {
            return services;
        }
        if (!QuickstartFeatures.HasOpenTelemetry)
        {
            throw QuickstartFeatures.Missing(ExporterKey, "OpenTelemetry", "QuickstartOpenTelemetry");
        }
        return AddOpenTelemetry(services, configuration, exporter);
    }

    private static IServiceCollection AddOpenTelemetry(IServiceCollection services, IConfiguration configuration, Exporter exporter)
    {
        var endpoint = configuration[OtlpEndpointKey] is { Length: > 0 } text ? new Uri(text) : null;
        void Otlp(OtlpExporterOptions options)
        {
            if (endpoint is not null)
            {
                options.Endpoint = endpoint;
            }
        }
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("rtvi-quickstart"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(s_meters);
                if (exporter == Exporter.Console)
                {
                    metrics.AddConsoleExporter();
                }
                else
                {
                    metrics.AddOtlpExporter(Otlp);
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(s_sources);
                if (exporter == Exporter.Console)
                {
                    tracing.AddConsoleExporter();
                }
                else
                {
                    tracing.AddOtlpExporter(Otlp);
                }
            });
        return services;
    }

    /// <summary>The exporter <c>Telemetry:Exporter</c> names (case-insensitive); <see cref="Exporter.None"/> when absent.</summary>
    public static Exporter ExporterFrom(IConfiguration configuration) => configuration[ExporterKey]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "none" => Exporter.None,
        "console" => Exporter.Console,
        "otlp" => Exporter.Otlp,
        var other => throw new InvalidOperationException($"{ExporterKey} must be none, console or otlp, not '{other}'."),
    };
}
