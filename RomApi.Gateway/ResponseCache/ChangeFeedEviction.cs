using RomApi.Contracts.Changes;
using RomApi.Platform.Changes;
using RomApi.Platform.Telemetry;
using RomApi.Storage.Redis;

namespace RomApi.Gateway.ResponseCache;

/// <summary>
/// Keeps this replica's response cache in step with the resource service's change feed: starts at the feed's head (the cache
/// starts empty, so older changes concern nothing kept), wakes on the feed's Redis channel and polls besides (a lost message costs
/// one poll), and evicts each changed resource's copies by id and by its new slug (its old slug's copy goes with its id). Each
/// change is evicted again one pass later: the resource service refreshes its own cache just after the commit the feed shows, and
/// a miss in between could have kept the version before. While the feed cannot be read the cache is emptied and stores nothing.
/// </summary>
public sealed partial class ChangeFeedEviction(
    ResponseCacheStore store,
    ChangeFeedClient feed,
    RedisWakeUp wakeUp,
    IOptions<ResponseCacheOptions> options,
    TimeProvider time,
    ILogger<ChangeFeedEviction> logger) : BackgroundService
{
    /// <summary>How long a start may wait for the feed quietly; past it each such wait is a warning (the cache stays off meanwhile).</summary>
    private static readonly TimeSpan StartWait = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }
        await wakeUp.SubscribeAsync(ChangeFeedEndpoint.RedisChannel);
        long? position = null;
        var failing = false;
        var waitingSince = time.GetTimestamp();
        List<(Guid Id, string? Slug)> evictAgain = [];
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using (BackgroundTracing.Untraced())
                {
                    if (position is null)
                    {
                        position = await feed.ReadHeadAsync(stoppingToken, startTimeout: true);
                        LogFollowing(logger, position.Value);
                    }
                    else
                    {
                        (position, evictAgain) = await CatchUpAsync(position.Value, settings.FeedBatchSize, evictAgain, stoppingToken);
                    }
                }
                if (store.IsSuspended || failing)
                {
                    // Caught up: whatever changed while the feed was away was never kept (the cache was empty and storing).
                    store.Resume();
                    if (failing)
                    {
                        LogRecovered(logger, position.Value);
                    }
                    failing = false;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                store.Suspend();
                if (!failing && position is not null)
                {
                    LogFeedFailed(logger, exception.GetType().Name, exception.Message);
                }
                else if (position is null && time.GetElapsedTime(waitingSince) < StartWait)
                {
                    // The resource service starts alongside the gateway: waiting for its feed is part of a normal start.
                    LogWaitingForFeed(logger, exception.GetType().Name);
                }
                else if (position is null)
                {
                    LogFeedFailed(logger, exception.GetType().Name, exception.Message);
                    waitingSince = time.GetTimestamp();
                }
                failing = position is not null;
            }
            try
            {
                await wakeUp.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<(long Position, List<(Guid Id, string? Slug)> Evicted)> CatchUpAsync(
        long position, int batchSize, List<(Guid Id, string? Slug)> previous, CancellationToken cancellationToken)
    {
        var evicted = new List<(Guid Id, string? Slug)>();
        while (true)
        {
            var page = await feed.ReadAsync(position, batchSize, cancellationToken);
            foreach (var change in page.Events)
            {
                Evict(change.ResourceId, change.Resource?.Slug);
                evicted.Add((change.ResourceId, change.Resource?.Slug));
            }
            position = page.LastSequence;
            if (page.Events.Count < batchSize)
            {
                break;
            }
        }
        foreach (var (id, slug) in previous)
        {
            Evict(id, slug);
        }
        return (position, evicted);
    }

    private void Evict(Guid id, string? slug)
    {
        store.Evict(id);
        if (slug is not null)
        {
            store.Evict(slug);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Response cache follows the change feed from sequence {Sequence}")]
    private static partial void LogFollowing(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Response cache waits for the change feed ({ErrorType})")]
    private static partial void LogWaitingForFeed(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Response cache cannot read the change feed ({ErrorType}: {Reason}); emptied, storing nothing until it can")]
    private static partial void LogFeedFailed(ILogger logger, string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Response cache reads the change feed again at sequence {Sequence}")]
    private static partial void LogRecovered(ILogger logger, long sequence);
}
