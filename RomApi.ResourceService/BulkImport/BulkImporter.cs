using Microsoft.EntityFrameworkCore;
using Npgsql;
using RomApi.ResourceService.Access;
using RomApi.ResourceService.ApiResources;
using RomApi.ResourceService.Caching;
using RomApi.ResourceService.Categories;
using RomApi.ResourceService.ChangeFeed;
using RomApi.ResourceService.Data;
using RomApi.ResourceService.Telemetry;
using RomApi.ResourceService.Validation;
using RomApi.ServiceDefaults.Errors;
using RomApi.ServiceDefaults.PlatformAuth;
using System.Text;
using System.Text.Json;

namespace RomApi.ResourceService.BulkImport;

/// <summary>
/// Bulk ingest: every item validated and enriched on its own (one bad item never sinks the batch), matched for upsert by
/// externalId, else by slug, then written set-wise (binary COPY, one UPDATE ... FROM) with its outbox events, in one transaction.
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
    public const int MaxItems = 10_000;
    public const int MaxItemsWithoutAdmin = 1_000;

    private sealed record Item(int Index, ResourceFields Fields)
    {
        public ApiResource? Existing { get; set; }
    }

    public async Task<(IngestResult? Result, ErrorResult? Error)> ImportAsync(IngestRequest request, PlatformIdentity caller, CancellationToken cancellationToken)
    {
        if (request.Resources.ValueKind != JsonValueKind.Array)
        {
            return (null, ApiErrors.BadRequest("resources must be an array."));
        }
        var received = request.Resources.GetArrayLength();
        if (received > MaxItems)
        {
            return (null, new ErrorResult(413, ErrorCodes.PayloadTooLarge, $"At most {MaxItems} resources per call; got {received}."));
        }
        var upsert = request.Mode?.ToLowerInvariant() switch
        {
            null or "create" => false,
            "upsert" => true,
            _ => (bool?)null,
        };
        if (upsert is null)
        {
            return (null, ApiErrors.Validation([new FieldError("mode", "must be create or upsert")]));
        }
        var publish = request.Publish ?? false;
        if ((received > MaxItemsWithoutAdmin || publish) && !caller.IsAdmin)
        {
            return (null, ApiErrors.Forbidden($"Only an admin may ingest more than {MaxItemsWithoutAdmin} items or publish them."));
        }

        var started = time.GetTimestamp();
        var dryRun = request.DryRun ?? false;
        var errors = new List<IngestError>();
        var categories = await CategoryIndex.LoadAsync(db, cancellationToken);
        var items = Parse(request.Resources, categories, caller, errors);
        LogPhase(logger, "validated", items.Count, received, time.GetElapsedTime(started).TotalMilliseconds);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await WriteLock.AcquireAsync(db, cancellationToken);
        await MatchExistingAsync(items, upsert.Value, cancellationToken);

        var now = time.GetUtcNow();
        var creates = new List<ApiResource>();
        var updates = new List<ApiResource>();
        var accepted = new List<Item>();
        foreach (var item in items)
        {
            if (item.Existing is { } existing)
            {
                if (!upsert.Value)
                {
                    errors.Add(new IngestError(item.Index, ErrorCodes.Conflict, "A resource with this externalId or slug exists (use mode upsert).",
                        item.Fields.ExternalId is null ? "slug" : "externalId"));
                    continue;
                }
                if (!caller.CanChange(existing.UserId))
                {
                    errors.Add(new IngestError(item.Index, ErrorCodes.Forbidden, "Only the owner or an admin may update this resource."));
                    continue;
                }
                item.Fields.ApplyTo(existing);
                existing.Version++;
                existing.UpdatedAt = now;
                Publish(existing, publish, now);
                updates.Add(existing);
            }
            else
            {
                creates.Add(NewResource(item.Fields, caller, publish, now));
            }
            accepted.Add(item);
        }
        await AssignSlugsAsync(creates, accepted.Where(i => i.Existing is null).Select(i => i.Fields.RequestedSlug).ToList(), cancellationToken);
        LogPhase(logger, "matched and slugged", accepted.Count, received, Elapsed(started));

        var result = new IngestResult(received, creates.Count, updates.Count, errors.Count, dryRun, errors.OrderBy(e => e.Index).ToList());
        if (dryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (result, null);
        }

        var snapshots = updates.Select(r => (Resource: r, Json: json.Serialize(r.ToDto(Summary(categories, r.CategoryId)))))
            .Concat(creates.Select(r => (Resource: r, Json: json.Serialize(r.ToDto(Summary(categories, r.CategoryId))))))
            .ToList();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await BulkCopy.InsertResourcesAsync(connection, creates, n => LogPhase(logger, "inserted", n, creates.Count, Elapsed(started)), cancellationToken);
        if (updates.Count > 0)
        {
            await BulkCopy.UpdateResourcesAsync(connection, updates, n => LogPhase(logger, "staged updates", n, updates.Count, Elapsed(started)), cancellationToken);
        }
        var changes = snapshots.Select(s => new ResourceChange
        {
            Type = s.Resource.Version == 1 ? ChangeType.Created : ChangeType.Updated,
            ResourceId = s.Resource.Id,
            OccurredAt = now,
            Resource = Encoding.UTF8.GetString(s.Json),
        }).ToList();
        var lastSequence = await BulkCopy.InsertChangesAsync(connection, changes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        metrics.Ingested(creates.Count, "created");
        metrics.Ingested(updates.Count, "updated");
        metrics.Ingested(errors.Count, "failed");
        metrics.ChangesWritten(changes.Count, "INGEST");
        await cache.PutResourcesAsync(snapshots.Take(updates.Count)
            .Select(s => (s.Resource.Id, new CachedResource(s.Resource.Version, s.Json, s.Resource.Status, s.Resource.UserId, s.Resource.Slug)))
            .ToList());
        await cache.InvalidateListsAsync();
        if (changes.Count > 0)
        {
            await notifier.AnnounceAsync(lastSequence);
        }
        LogDone(logger, received, creates.Count, updates.Count, errors.Count, Elapsed(started));
        return (result, null);
    }

    private List<Item> Parse(JsonElement resources, CategoryIndex categories, PlatformIdentity caller, List<IngestError> errors)
    {
        var items = new List<Item>(resources.GetArrayLength());
        var externalIds = new HashSet<string>(StringComparer.Ordinal);
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var index = -1;
        foreach (var element in resources.EnumerateArray())
        {
            index++;
            ResourceInput? input;
            try
            {
                input = element.ValueKind == JsonValueKind.Object ? element.Deserialize<ResourceInput>(json.Options) : null;
            }
            catch (JsonException exception)
            {
                errors.Add(new IngestError(index, ErrorCodes.BadRequest, "A value has a wrong type.", exception.Path?.TrimStart('$', '.')));
                continue;
            }
            if (input is null)
            {
                errors.Add(new IngestError(index, ErrorCodes.BadRequest, "Each item must be a JSON object."));
                continue;
            }
            var fieldErrors = new FieldErrors();
            var fields = normalizer.Normalize(input, categories, caller.IsAdmin, fieldErrors);
            if (fields is null)
            {
                var first = fieldErrors.Items[0];
                errors.Add(new IngestError(index, ErrorCodes.ValidationError,
                    string.Join("; ", fieldErrors.Items.Select(e => $"{e.Field} {e.Message}")), first.Field));
                continue;
            }
            if ((fields.ExternalId is { } externalId && !externalIds.Add(externalId)) ||
                (fields.RequestedSlug is { } slug && !slugs.Add(slug)))
            {
                errors.Add(new IngestError(index, ErrorCodes.Conflict, "The same externalId or slug appears earlier in this batch.",
                    fields.ExternalId is null ? "slug" : "externalId"));
                continue;
            }
            items.Add(new Item(index, fields));
        }
        return items;
    }

    /// <summary>Finds the rows items refer to: by externalId when given; in upsert mode else by slug (requested, or the name's).</summary>
    private async Task MatchExistingAsync(List<Item> items, bool upsert, CancellationToken cancellationToken)
    {
        var externalIds = items.Where(i => i.Fields.ExternalId is not null).Select(i => i.Fields.ExternalId!).ToArray();
        var slugKeys = items.Where(i => i.Fields.ExternalId is null && (upsert || i.Fields.RequestedSlug is not null))
            .Select(SlugKey).Distinct().ToArray();
        if (externalIds.Length == 0 && slugKeys.Length == 0)
        {
            return;
        }
        // Two index look-ups rather than one OR, which PostgreSQL would answer with a scan of the table.
        var existing = (await LoadAsync(r => r.ExternalId != null && externalIds.Contains(r.ExternalId), externalIds.Length, cancellationToken))
            .Concat(await LoadAsync(r => slugKeys.Contains(r.Slug), slugKeys.Length, cancellationToken))
            .DistinctBy(r => r.Id)
            .ToList();
        var byExternalId = existing.Where(r => r.ExternalId is not null).ToDictionary(r => r.ExternalId!, StringComparer.Ordinal);
        var bySlug = existing.ToDictionary(r => r.Slug, StringComparer.Ordinal);
        // A row is updated by one item at most; a later item with the same name becomes a new resource.
        var claimed = new HashSet<Guid>();
        foreach (var item in items)
        {
            var match = item.Fields.ExternalId is { } externalId
                ? byExternalId.GetValueOrDefault(externalId)
                : bySlug.GetValueOrDefault(SlugKey(item));
            item.Existing = match is not null && claimed.Add(match.Id) ? match : null;
        }
    }

    private async Task<List<ApiResource>> LoadAsync(System.Linq.Expressions.Expression<Func<ApiResource, bool>> match, int keys,
        CancellationToken cancellationToken) =>
        keys == 0
            ? []
            : await db.ApiResources.AsNoTracking()
                .Where(r => r.DeletedAt == null).Where(match)
                .Include(r => r.Hours).Include(r => r.Images)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);

    private static string SlugKey(Item item) => item.Fields.RequestedSlug ?? SlugAllocator.BaseOf(item.Fields.Name);

    private async Task AssignSlugsAsync(List<ApiResource> creates, List<string?> requested, CancellationToken cancellationToken)
    {
        var generated = Enumerable.Range(0, creates.Count).Where(i => requested[i] is null).ToList();
        var slugs = await SlugAllocator.AllocateAsync(db, generated.Select(i => creates[i].SlugBase).ToList(), cancellationToken);
        for (var n = 0; n < generated.Count; n++)
        {
            creates[generated[n]].Slug = slugs[n];
        }
        for (var i = 0; i < creates.Count; i++)
        {
            if (requested[i] is { } slug)
            {
                creates[i].Slug = slug;
            }
        }
    }

    private static ApiResource NewResource(ResourceFields fields, PlatformIdentity caller, bool publish, DateTimeOffset now)
    {
        var resource = new ApiResource
        {
            Id = Guid.CreateVersion7(now),
            Name = fields.Name,
            Slug = "",
            SlugBase = fields.RequestedSlug ?? SlugAllocator.BaseOf(fields.Name),
            UserId = caller.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        fields.ApplyTo(resource);
        Publish(resource, publish, now);
        return resource;
    }

    private static void Publish(ApiResource resource, bool publish, DateTimeOffset now)
    {
        if (publish)
        {
            resource.Status = ResourceStatus.Active;
            resource.PublishedAt ??= now;
        }
    }

    private static CategorySummaryDto? Summary(CategoryIndex categories, Guid? id) =>
        id is { } categoryId && categories.Find(categoryId) is { } c ? new CategorySummaryDto(c.Id, c.Name, c.Slug) : null;

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest: {Phase} {Done}/{Total} items after {ElapsedMs:F0} ms")]
    private static partial void LogPhase(ILogger logger, string phase, int done, int total, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest done: {Received} received, {Created} created, {Updated} updated, {Failed} failed in {ElapsedMs:F0} ms")]
    private static partial void LogDone(ILogger logger, int received, int created, int updated, int failed, double elapsedMs);
}
