namespace RomApi.Gateway.Limits;

/// <summary>
/// Sends the hits counted on this replica to Redis every <see cref="LimitsOptions.SyncInterval"/>, at once when a counter piles
/// up hits, and a last time on shutdown, so the other replicas see them.
/// </summary>
public sealed partial class CounterSync(DistributedCounters counters, IOptions<LimitsOptions> options, ILogger<CounterSync> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await counters.FlushWanted.WaitAsync(options.Value.SyncInterval, stoppingToken);
                await counters.FlushAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogFlushFailed(logger, exception);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await counters.FlushAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending this replica's counted hits to Redis failed; they are sent with the next round")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
