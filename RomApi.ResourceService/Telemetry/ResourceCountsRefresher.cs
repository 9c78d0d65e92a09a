namespace RomApi.ResourceService.Telemetry;

/// <summary>Recounts resources by status, plan and type every few seconds for the api_resources_total gauge.</summary>
public sealed partial class ResourceCountsRefresher(
    IServiceScopeFactory scopes, ResourceCounts counts, MigrationState<ResourceDbContext> migrations, TimeProvider time,
    ILogger<ResourceCountsRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            if (!migrations.IsApplied)
            {
                continue;
            }
            try
            {
                // Every 10 s whether anything changed or not: a trace each time would bury the real ones.
                using var untraced = BackgroundTracing.Untraced();
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ResourceDbContext>();
                var rows = await db.ApiResources.AsNoTracking()
                    .Where(r => r.DeletedAt == null)
                    .GroupBy(r => new { r.Status, r.Plan, r.ResourceType })
                    .Select(g => new { g.Key.Status, g.Key.Plan, g.Key.ResourceType, Count = g.LongCount() })
                    .ToListAsync(stoppingToken);
                counts.Replace(rows.Select(r => (WireNames.Of(r.Status), WireNames.Of(r.Plan), WireNames.Of(r.ResourceType), r.Count)));
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count resources for api_resources_total: {ErrorType}")]
    private static partial void LogFailed(ILogger logger, string errorType);
}
