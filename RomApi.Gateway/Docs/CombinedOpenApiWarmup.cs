using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace RomApi.Gateway.Docs;

/// <summary>
/// Builds the combined OpenAPI document once the gateway listens and every service behind it is healthy, retrying until every
/// service's document is in, so that the first request to /docs gets the full reference from memory.
/// </summary>
/// <remarks>Not before the services are healthy: generating a service's document is its costliest first request, and doing
/// it while they start slows the services still starting.</remarks>
public sealed partial class CombinedOpenApiWarmup(
    CombinedOpenApi openApi, IServer server, IHostApplicationLifetime lifetime, HealthCheckService health,
    IOptions<DocsOptions> options, TimeProvider time, ILogger<CombinedOpenApiWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        if (server.Features.Get<IServerAddressesFeature>()?.Addresses.Select(a => new Uri(a.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://*", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)))
            .FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttp) is { } address)
        {
            openApi.SetSelf(new Uri($"http://127.0.0.1:{address.Port}/"));
        }
        for (var attempt = 1; attempt <= options.Value.WarmupAttempts; attempt++)
        {
            if (attempt < options.Value.WarmupAttempts && !await DownstreamHealthyAsync(stoppingToken))
            {
                await Task.Delay(options.Value.WarmupRetry, time, stoppingToken);
                continue;
            }
            await openApi.GetAsync(stoppingToken);
            if (openApi.IsComplete)
            {
                LogReady(logger, attempt);
                return;
            }
            await Task.Delay(options.Value.WarmupRetry, time, stoppingToken);
        }
        LogIncomplete(logger, options.Value.WarmupAttempts);
    }

    private async Task<bool> DownstreamHealthyAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(
            registration => DownstreamServices.All.Any(service => service.Name == registration.Name), cancellationToken);
        return report.Status == HealthStatus.Healthy;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Combined OpenAPI document still incomplete after {Attempts} attempts; each request to /docs/openapi.json asks the missing services again")]
    private static partial void LogIncomplete(ILogger logger, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Combined OpenAPI document complete after {Attempts} attempt(s)")]
    private static partial void LogReady(ILogger logger, int attempts);
}
