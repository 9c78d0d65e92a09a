using RomApi.Platform.Changes;
using RomApi.Contracts.Changes;
using RomApi.Platform.Telemetry;
using RomApi.Storage.Redis;
using ChangeEvent = RomApi.Contracts.Changes.ChangeEvent<RomApi.Contracts.Resources.ApiResourceDto>;

namespace RomApi.SearchService.Indexing;

/// <summary>
/// Follows the resource service's change feed into this replica's index, from the position stored in the index
/// (a restart resumes). Wakes on the Redis channel <see cref="ChangeFeedEndpoint.RedisChannel"/> and also polls, untraced, so a
/// lost notification only costs one poll interval and an idle system no telemetry. This file is the follower; the rebuild and swap are in ChangeFeedIndexer.Rebuild.cs.
/// <c>_writeGate</c> lets one writer at a time apply events to the live index (the follower's pass, or the rebuild's last
/// catch-up and swap); <c>_rebuildGate</c> keeps to one rebuild at a time.
/// </summary>
public sealed partial class ChangeFeedIndexer(
    ISearchIndex index,
    ChangeFeedClient feed,
    CategoryScopes categories,
    IndexerState state,
    RedisWakeUp wakeUp,
    IOptions<IndexerOptions> options,
    SearchServiceMetrics metrics,
    TimeProvider time,
    ILogger<ChangeFeedIndexer> logger) : BackgroundService
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly System.Threading.Lock _rebuildGate = new();
    private Task _rebuild = Task.CompletedTask;
    private CancellationToken _stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var settings = options.Value;
        await wakeUp.SubscribeAsync(ChangeFeedEndpoint.RedisChannel, message =>
        {
            if (long.TryParse(message.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var sequence))
            {
                state.Announced(sequence);
            }
        });
        var waitingSince = time.GetTimestamp();
        var readOnce = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _writeGate.WaitAsync(stoppingToken);
                try
                {
                    await PassAsync(readOnce, stoppingToken);
                }
                finally
                {
                    _writeGate.Release();
                }
                if (!readOnce)
                {
                    readOnce = true;
                    LogFeedReached(logger, state.Position);
                }
                await wakeUp.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (!readOnce && IsStarting(exception) &&
                                              time.GetElapsedTime(waitingSince) < settings.StartWait)
            {
                // The resource service starts alongside this one (it may still be migrating, answering 503): waiting for it is
                // part of a normal start, neither an error of the index nor a warning.
                LogWaitingForFeed(logger, exception.GetType().Name, exception.Message);
                await Task.Delay(settings.RetryDelay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception exception)
            {
                state.LastError = exception.GetType().Name;
                LogFeedFailed(logger, exception.GetType().Name, exception.Message);
                await Task.Delay(settings.RetryDelay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// One look at the feed. When nothing was announced it is an idle poll (in case a Redis notification was lost): one event
    /// asked for, no trace and no log, here or in the resource service. Changes, announced or found so, are applied under a trace
    /// of their own: the feed's reads (the resource service's query inside) and the index's work.
    /// </summary>
    private async Task PassAsync(bool readOnce, CancellationToken cancellationToken)
    {
        if (state.EventsBehind == 0)
        {
            long position;
            ChangePage probe;
            using (BackgroundTracing.Untraced())
            {
                position = await index.ReadPositionAsync(cancellationToken);
                probe = await feed.ReadAsync(position, 1, cancellationToken, startTimeout: !readOnce);
            }
            if (probe.Events.Count == 0)
            {
                state.Applied(position, caughtUp: true);
                return;
            }
            state.Announced(probe.LastSequence);
        }
        using var activity = BackgroundTracing.StartWork("index changes");
        var (from, to) = (state.Position, await CatchUpAsync(cancellationToken));
        activity?.SetTag("romapi.changes.after", from).SetTag("romapi.changes.last", to);
    }

    /// <summary>What a starting resource service answers: nothing (refused, or DCP's proxy holding the connection until the
    /// request times out) or 503 while it migrates.</summary>
    private static bool IsStarting(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: null or System.Net.HttpStatusCode.ServiceUnavailable } => true,
        TaskCanceledException or TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// Applies the feed page by page until a short page. The next page is read while the current one is applied, so the feed's
    /// query and transfer overlap the index work instead of adding to it; each page is one batch in the index (one refresh).
    /// </summary>
    private async Task<long> CatchUpAsync(CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        var position = await index.ReadPositionAsync(cancellationToken);
        var next = TimedReadAsync(position, batchSize, cancellationToken);
        var visibilityDeferred = false;
        try
        {
            while (true)
            {
                var page = await next;
                var caughtUp = page.Events.Count < batchSize;
                if (!caughtUp)
                {
                    next = TimedReadAsync(page.LastSequence, batchSize, cancellationToken);
                }
                if (page.Events.Count > 0)
                {
                    var operations = Operations(page.Events);
                    var started = time.GetTimestamp();
                    await index.ApplyAsync(operations, page.LastSequence, moreToCome: !caughtUp, cancellationToken);
                    metrics.IndexerStep("apply", time.GetElapsedTime(started).TotalMilliseconds, page.Events.Count);
                    LogBatchApplied(logger, page.Events.Count, operations.Count, page.LastSequence);
                    position = page.LastSequence;
                    visibilityDeferred = !caughtUp;
                    foreach (var upsert in operations.OfType<UpsertDocument>())
                    {
                        categories.Indexed(upsert.Document.CategorySlug);
                    }
                }
                else if (visibilityDeferred)
                {
                    // The load ended on a full page, so the last batches were applied expecting more: make them visible now.
                    await index.ApplyAsync([], position, moreToCome: false, cancellationToken);
                }
                if (!caughtUp)
                {
                    state.Announced(position + 1);
                }
                state.Applied(position, caughtUp);
                if (caughtUp)
                {
                    return position;
                }
            }
        }
        finally
        {
            // A read still in flight when applying failed: wait for it, so its failure is observed and nothing outlives the pass.
            if (!next.IsCompleted)
            {
                await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    private async Task<ChangePage> TimedReadAsync(long after, int limit, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var page = await feed.ReadAsync(after, limit, cancellationToken);
        metrics.IndexerStep("read", time.GetElapsedTime(started).TotalMilliseconds, page.Events.Count);
        return page;
    }

    private static List<IndexOperation> Operations(IReadOnlyList<ChangeEvent> events) =>
        // Only the last event of a resource in a batch matters: its snapshot is the resource's state.
        events.GroupBy(change => change.ResourceId)
            .Select(group => ChangeOperations.ToOperation(group.MaxBy(change => change.Sequence)!))
            .ToList();


    public override void Dispose()
    {
        _writeGate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Events} changes ({Documents} documents) to the index, up to change {Sequence}")]
    private static partial void LogBatchApplied(ILogger logger, int events, int documents, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Following the change feed from change {Position}")]
    private static partial void LogFeedReached(ILogger logger, long position);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waiting for the resource service's change feed ({Error}: {Message})")]
    private static partial void LogWaitingForFeed(ILogger logger, string error, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the change feed failed ({Error}: {Message}); retrying")]
    private static partial void LogFeedFailed(ILogger logger, string error, string message);
}
