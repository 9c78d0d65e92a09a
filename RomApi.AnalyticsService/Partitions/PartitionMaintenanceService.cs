using RomApi.AnalyticsService.Retention;

namespace RomApi.AnalyticsService.Partitions;

/// <summary>
/// Once the migrations are applied, and then every <see cref="PartitionOptions.MaintenanceInterval"/>: creates the monthly
/// partitions from the oldest accepted createdAt to <see cref="PartitionOptions.MonthsAhead"/> months ahead, drops raw
/// partitions past retention (rollups stay), forgets client event ids past the idempotency window and view keys of windows no
/// event can still be accepted for.
/// </summary>
public sealed partial class PartitionMaintenanceService(
    MonthlyPartitions partitions,
    NpgsqlDataSource dataSource,
    MigrationState<AnalyticsDbContext> migrations,
    IOptions<PartitionOptions> partitionOptions,
    IOptions<RetentionOptions> retentionOptions,
    IOptions<IngestionOptions> ingestionOptions,
    TimeProvider time,
    ILogger<PartitionMaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrations.WhenAppliedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await MaintainAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                LogFailed(logger, exception.GetType().Name, exception.Message);
            }
            await Task.Delay(partitionOptions.Value.MaintenanceInterval, time, stoppingToken);
        }
    }

    public async Task MaintainAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var first = HourBuckets.MonthStart(now - ingestionOptions.Value.MaxEventAge);
        var last = HourBuckets.MonthStart(now).AddMonths(partitionOptions.Value.MonthsAhead);
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            await partitions.EnsureMonthAsync(month, cancellationToken);
        }

        var months = retentionOptions.Value.RawEventMonths;
        foreach (var (name, month) in await partitions.ListAsync(cancellationToken))
        {
            if (RetentionPolicy.ShouldDrop(month, now, months))
            {
                await partitions.DropAsync(name, cancellationToken);
            }
        }

        await using var purge = dataSource.CreateCommand("DELETE FROM analytics_received_event_ids WHERE received_at < @cutoff");
        purge.CommandTimeout = DatabaseBudget.LongCommandSeconds;
        purge.Parameters.AddWithValue("cutoff", now - ingestionOptions.Value.IdempotencyWindow);
        await purge.ExecuteNonQueryAsync(cancellationToken);

        // A view key matters while an event of its window can still be accepted (a service's createdAt goes back MaxEventAge).
        await using var forget = dataSource.CreateCommand("DELETE FROM analytics_counted_views WHERE window_start < @cutoff");
        forget.Parameters.AddWithValue("cutoff", now - ingestionOptions.Value.MaxEventAge - ingestionOptions.Value.ViewWindow);
        await forget.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition maintenance failed, next try at the next interval: {ErrorType}: {ErrorMessage}")]
    private static partial void LogFailed(ILogger logger, string errorType, string errorMessage);
}
