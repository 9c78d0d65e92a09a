namespace RomApi.ResourceService.Caching;

/// <summary>
/// Applies the cache updates this replica could not send as soon as Redis takes them again, even with no request arriving here:
/// the other replicas read the same Redis and must not keep serving what those updates replace.
/// </summary>
public sealed class CacheRepairLoop(ResourceCache cache, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // Returns at once when nothing is pending.
                await cache.RepairAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
