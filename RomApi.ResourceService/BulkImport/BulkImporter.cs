using Npgsql;

namespace RomApi.ResourceService.BulkImport;

/// <summary>
/// Bulk ingest: every item validated and enriched on its own (one bad item never sinks the batch), matched for upsert by
/// externalId, else by slug, then written set-wise (binary COPY, one UPDATE ... FROM) with its outbox events, in one transaction;
/// after the commit the cache and the change feed's listeners hear of it.
/// </summary>
public sealed partial class BulkImporter(
    ResourceDbContext db,
    ResourceNormalizer normalizer,
    ResourceJson json,
    ResourceCache cache,
    ChangeNotifier notifier,
    ResourceServiceMetrics metrics,
    TimeProvider time,
    ILogger<BulkImporter> logger)
{
    public async Task<(IngestResult? Result, ErrorResult? Error)> ImportAsync(IngestRequest request, PlatformIdentity caller, CancellationToken cancellationToken)
    {
        var (settings, refusal) = ImportRequestRules.Check(request, caller);
        if (settings is null)
        {
            return (null, refusal);
        }
        var started = time.GetTimestamp();
        // An import is long by nature (its route allows minutes); each of its statements gets the long budget.
        db.Database.SetCommandTimeout(DatabaseBudget.LongCommandTimeout);
        var errors = new List<IngestError>();
        var categories = await CategoryIndex.LoadAsync(db, cancellationToken);
        var items = ImportItemParser.Parse(request.Resources, categories, caller, normalizer, json.Options, errors);
        LogPhase(logger, "validated", items.Count, settings.Received, Elapsed(started));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await WriteLock.AcquireAsync(db, cancellationToken);
        await ExistingResourceMatcher.MatchAsync(db, items, settings.Upsert, cancellationToken);
        var now = time.GetUtcNow();
        var plan = ImportPlanner.Plan(items, settings, caller, now, errors);
        await ImportSlugs.AssignAsync(db, plan, cancellationToken);
        LogPhase(logger, "matched and slugged", plan.Creates.Count + plan.Updates.Count, settings.Received, Elapsed(started));

        var result = new IngestResult(settings.Received, plan.Creates.Count, plan.Updates.Count, errors.Count, settings.DryRun,
            errors.OrderBy(e => e.Index).ToList());
        if (settings.DryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (result, null);
        }

        var snapshots = ImportOutbox.Snapshots(plan, categories);
        var changes = ImportOutbox.Changes(snapshots, now);
        var lastSequence = await WriteAsync(plan, changes, started, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await AnnounceAsync(plan, snapshots, changes.Count, errors.Count, lastSequence);
        LogDone(logger, settings.Received, plan.Creates.Count, plan.Updates.Count, errors.Count, Elapsed(started));
        return (result, null);
    }

    /// <summary>The new rows, the updated rows and the outbox rows, in the import's transaction.</summary>
    private async Task<long> WriteAsync(ImportPlan plan, List<ResourceChange> changes, long started, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await BulkCopy.InsertResourcesAsync(connection, plan.Creates,
            n => LogPhase(logger, "inserted", n, plan.Creates.Count, Elapsed(started)), cancellationToken);
        if (plan.Updates.Count > 0)
        {
            await BulkCopy.UpdateResourcesAsync(connection, plan.Updates,
                n => LogPhase(logger, "staged updates", n, plan.Updates.Count, Elapsed(started)), cancellationToken);
        }
        return await BulkCopy.InsertChangesAsync(connection, changes, cancellationToken);
    }

    /// <summary>After the commit: metrics, the updated rows into the cache, lists dropped from it, and a wake-up for the feed's followers.</summary>
    private async Task AnnounceAsync(ImportPlan plan, List<ImportSnapshot> snapshots, int changes, int failed, long lastSequence)
    {
        metrics.Ingested(plan.Creates.Count, "created");
        metrics.Ingested(plan.Updates.Count, "updated");
        metrics.Ingested(failed, "failed");
        metrics.ChangesWritten(changes, "INGEST");
        // Only the updated rows were in the cache; it holds the API's JSON of them (the same bytes as the outbox's).
        await cache.PutResourcesAsync(snapshots.Take(plan.Updates.Count)
            .Select(s => (s.Resource.Id, new CachedResource(s.Resource.Version, s.Json, s.Resource.Status, s.Resource.UserId, s.Resource.Slug)))
            .ToList());
        await cache.InvalidateListsAsync();
        if (changes > 0)
        {
            await notifier.AnnounceAsync(lastSequence);
        }
    }

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest: {Phase} {Done}/{Total} items after {ElapsedMs:F0} ms")]
    private static partial void LogPhase(ILogger logger, string phase, int done, int total, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest done: {Received} received, {Created} created, {Updated} updated, {Failed} failed in {ElapsedMs:F0} ms")]
    private static partial void LogDone(ILogger logger, int received, int created, int updated, int failed, double elapsedMs);
}
