using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RomApi.ServiceDefaults.Telemetry;
using RomApi.ServiceDefaults.Health;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Adds the services every ROMAPI process shares, as the Aspire service-defaults template does: OpenTelemetry, health checks,
/// service discovery, resilient HttpClients. The error envelope and request ids are their own extensions
/// (<c>AddErrorEnvelope</c>/<c>UseErrorEnvelope</c>, <c>AddRequestIds</c>/<c>UseRequestIds</c>).
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";
    public const string MetricsEndpointPath = "/metrics";

    /// <summary>Meters named like this are exported; each service names its own meter "RomApi.{Service}".</summary>
    public const string MeterPrefix = "RomApi.*";

    /// <summary>The source of the spans of work no request started (RomApi.Platform's BackgroundTracing).</summary>
    public const string BackgroundSourceName = "RomApi.Background";

    /// <summary>
    /// Whether outgoing HTTP calls are measured (http.client.* metrics). On by default; the gateway turns it off because its proxied
    /// calls are counted per route and backend by its own metrics, and measuring each call twice is work on every request for nothing.
    /// </summary>
    public const string HttpClientMetricsSetting = "Telemetry:HttpClientMetrics";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddSimpleConsole(options =>
        {
            options.IncludeScopes = true;
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
        });
        // ASP.NET Core starts an Activity for every request whenever this category may log at all, only to correlate its request
        // start/finish lines (Information, never shown here). With tracing on, the tracer's listener still gets its activities; with
        // it off this saves the activity of every request and of every proxied call (the same switch YARP's own benchmarks use).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var httpClientMetrics = !bool.TryParse(builder.Configuration[HttpClientMetricsSetting], out var measured) || measured;
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                // The server's request durations, connections and exceptions; not the routing meter's per-request match counter,
                // which nobody reads and every request would pay for.
                metrics.AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics");
                if (httpClientMetrics)
                {
                    metrics.AddHttpClientInstrumentation();
                }
                metrics
                    .AddRuntimeInstrumentation()
                    .AddMeter(MeterPrefix)
                    .AddPrometheusExporter();
            });

        // Traces and OTLP logs only when there is somewhere to send them (the AppHost's dashboard, a collector): a span recorded
        // for every request that nobody receives is work for nothing.
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        var sampler = builder.Configuration["OTEL_TRACES_SAMPLER"];
        telemetry
            .WithTracing(tracing =>
            {
                // Aspire sets OTEL_TRACES_SAMPLER=always_on, which would also record the spans of work that asked not to be
                // traced (BackgroundTracing.Untraced: idle polls); parent-based still records every request and every root.
                // Any other sampler given (parentbased_traceidratio for benchmarks) stays in charge.
                if (string.IsNullOrEmpty(sampler) || sampler == "always_on")
                {
                    tracing.SetSampler(new ParentBasedSampler(new AlwaysOnSampler()));
                }
                tracing
                    .AddSource(builder.Environment.ApplicationName, BackgroundSourceName)
                    .AddAspNetCoreInstrumentation(options =>
                        // Probes and scrapes would drown the real traffic in the trace view.
                        options.Filter = context => !IsOperationalPath(context.Request.Path))
                    .AddHttpClientInstrumentation(options =>
                        // Health probes between services would flood the trace view too.
                        options.FilterHttpRequestMessage = request => request.RequestUri is null || !IsOperationalPath(request.RequestUri.AbsolutePath));
            })
            .UseOtlpExporter();
        builder.Services.AddHostedService<TelemetryShutdown>();
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        var startupHealthLog = new StartupHealthLog();
        builder.Services.AddSingleton(startupHealthLog);
        builder.Logging.AddFilter(StartupHealthLog.Category, startupHealthLog.Writes);
        return builder;
    }

    /// <summary>
    /// Drops <paramref name="category"/>'s entries until /health has answered Healthy once, as for the health checks' own
    /// (<see cref="StartupHealthLog"/>): for what fails, by design, while the service and its dependencies start (the gateway's
    /// probes of services still starting).
    /// </summary>
    public static TBuilder QuietUntilHealthy<TBuilder>(this TBuilder builder, string category) where TBuilder : IHostApplicationBuilder
    {
        var startupHealthLog = builder.Services.Select(service => service.ImplementationInstance).OfType<StartupHealthLog>().Single();
        builder.Logging.AddFilter(category, startupHealthLog.Writes);
        return builder;
    }

    /// <summary>/health (readiness), /alive (liveness) and /metrics (Prometheus text).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        var startupHealthLog = app.Services.GetRequiredService<StartupHealthLog>();
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                startupHealthLog.Observe(report);
                return HealthResponseWriter.WriteAsync(context, report);
            },
        });
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live"),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapPrometheusScrapingEndpoint(MetricsEndpointPath);
        return app;
    }

    public static bool IsOperationalPath(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) ||
        path.StartsWithSegments(AlivenessEndpointPath) ||
        path.StartsWithSegments(MetricsEndpointPath);
}
