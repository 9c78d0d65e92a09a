using RomApi.Platform.Changes;
namespace RomApi.SearchService.Indexing;

/// <summary>
/// The rebuild: fills a new index from sequence 0 while searches use the live one and the follower keeps it current, then takes
/// the write gate (pausing the follower), applies the last events and swaps the new index in.
/// </summary>
public sealed partial class ChangeFeedIndexer
{
    /// <summary>Starts a rebuild unless one runs; false when one is already running.</summary>
    public bool TryStartRebuild()
    {
        lock (_rebuildGate)
        {
            if (!_rebuild.IsCompleted)
            {
                return false;
            }
            state.Rebuild = new RebuildStatus(true, time.GetUtcNow(), null, null, null);
            _rebuild = Task.Run(() => RebuildAsync(_stopping), _stopping);
            return true;
        }
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var build = await index.BeginRebuildAsync(cancellationToken);
            // Bulk of the work without the gate: the live index keeps following the feed meanwhile.
            var (position, documents) = await CopyFeedAsync(build, 0, cancellationToken);
            await _writeGate.WaitAsync(cancellationToken);
            try
            {
                // The last events, with the live indexer paused, so the new index is at least as fresh as the live one.
                (position, _) = await CopyFeedAsync(build, position, cancellationToken);
                await build.SwapInAsync(cancellationToken);
                state.Applied(position, caughtUp: true);
            }
            finally
            {
                _writeGate.Release();
            }
            var count = await index.CountAsync(cancellationToken);
            state.Rebuild = state.Rebuild with { Running = false, CompletedAt = time.GetUtcNow(), Documents = count };
            LogRebuilt(logger, count, position, documents);
        }
        catch (Exception exception)
        {
            state.Rebuild = state.Rebuild with { Running = false, Error = exception.GetType().Name };
            LogRebuildFailed(logger, exception.GetType().Name, exception.Message);
        }
    }

    /// <summary>Applies the feed after <paramref name="position"/> to the new index until the feed has no more; returns the last
    /// position applied and how many events were.</summary>
    private async Task<(long Position, long Events)> CopyFeedAsync(IIndexBuild build, long position, CancellationToken cancellationToken)
    {
        long events = 0;
        while (true)
        {
            var page = await feed.ReadAsync(position, options.Value.BatchSize, cancellationToken);
            if (page.Events.Count == 0)
            {
                return (position, events);
            }
            await build.ApplyAsync(Operations(page.Events), page.LastSequence, cancellationToken);
            position = page.LastSequence;
            events += page.Events.Count;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Index rebuilt: {Documents} documents at change {Position} ({Events} events replayed)")]
    private static partial void LogRebuilt(ILogger logger, long documents, long position, long events);

    [LoggerMessage(Level = LogLevel.Error, Message = "Index rebuild failed ({Error}: {Message}); the previous index stays live")]
    private static partial void LogRebuildFailed(ILogger logger, string error, string message);
}
