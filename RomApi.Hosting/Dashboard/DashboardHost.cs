using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RomApi.Hosting.Dashboard.Telemetry;
using RomApi.Hosting.Orchestration;
using System.Net;

namespace RomApi.Hosting.Dashboard;

/// <summary>The dashboard: one page that lists every resource and shows its console output live, fed by a small JSON API.</summary>
internal static class DashboardHost
{
    public static WebApplication Create(int port, ResourceStateStore states)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "RomApi.AppHost" });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Garnet", LogLevel.Warning);
        builder.Services.AddSingleton(states);
        builder.Services.AddSingleton(new TelemetryStore());

        var app = builder.Build();
        app.MapGet("/", () => Page("index.html", "text/html; charset=utf-8"));
        app.MapGet("/dashboard.js", () => Page("dashboard.js", "text/javascript; charset=utf-8"));
        app.MapGet("/dashboard.css", () => Page("dashboard.css", "text/css; charset=utf-8"));
        app.MapGet("/api/resources", (ResourceStateStore store) => TypedResults.Ok(store.Snapshot()));
        app.MapGet("/api/resources/{name}/logs", GetLogs);
        MapTelemetry(app);
        return app;
    }

    /// <summary>OTLP/HTTP (protobuf) receivers at the paths the exporters post to, and the JSON the page reads.</summary>
    private static void MapTelemetry(WebApplication app)
    {
        app.MapPost("/v1/traces", async (HttpRequest request, TelemetryStore store) =>
        {
            store.AddSpans(OtlpReader.ReadTraces(await ReadBodyAsync(request)));
            return TypedResults.Ok();
        });
        app.MapPost("/v1/logs", async (HttpRequest request, TelemetryStore store) =>
        {
            store.AddLogs(OtlpReader.ReadLogs(await ReadBodyAsync(request)));
            return TypedResults.Ok();
        });
        app.MapPost("/v1/metrics", async (HttpRequest request, TelemetryStore store) =>
        {
            store.AddMetrics(OtlpReader.ReadMetrics(await ReadBodyAsync(request)));
            return TypedResults.Ok();
        });
        app.MapGet("/api/telemetry/traces", (string? resource, int? max, TelemetryStore store) => TypedResults.Ok(store.Traces(resource, Math.Clamp(max ?? 100, 1, 500))));
        app.MapGet("/api/telemetry/logs", (string? resource, long? after, TelemetryStore store) => TypedResults.Ok(store.Logs(resource, after ?? 0, 1000)));
        app.MapGet("/api/telemetry/metrics", (string? resource, TelemetryStore store) => TypedResults.Ok(store.Metrics(resource)));
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private static IResult GetLogs(string name, long? after, ResourceStateStore store)
    {
        if (!store.Contains(name))
        {
            return TypedResults.NotFound();
        }
        var lines = after is { } sequence ? store[name].Logs.After(sequence, 1000) : store[name].Logs.Tail(500);
        return TypedResults.Ok(lines);
    }

    private static IResult Page(string file, string contentType)
    {
        var stream = typeof(DashboardHost).Assembly.GetManifestResourceStream($"dashboard/{file}");
        return stream is null ? TypedResults.NotFound() : TypedResults.Stream(stream, contentType);
    }

    public static Uri GetAddress(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("127.0.0.1", "localhost"));
    }
}
