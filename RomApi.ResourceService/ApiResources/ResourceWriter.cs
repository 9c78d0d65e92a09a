using Microsoft.EntityFrameworkCore.Storage;

namespace RomApi.ResourceService.ApiResources;

/// <summary>The result of a committed write: the API's view and its JSON (what the cache got and the response sends).</summary>
public sealed record WrittenResource(ApiResourceDto Resource, byte[] Json, int Version)
{
    public string ETag => ETags.For(Version);
}

/// <summary>
/// Every single-resource write goes through here: a transaction holding the write lock, the version bump, the outbox row
/// with the resource's JSON (serialized once: the outbox, the cache and the response share it), the commit, and then the cache refresh and the change announcement.
/// </summary>
public sealed class ResourceWriter(
    ResourceDbContext db, ResourceCache cache, ChangeNotifier notifier, TimeProvider time, ResourceServiceMetrics metrics)
{
    public async Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await WriteLock.AcquireAsync(db, cancellationToken);
        return transaction;
    }

    /// <summary>
    /// Loads a resource, tracked, for a change and checks, in this order: it exists and the caller may see it (404), may change
    /// it (403; only an admin when <paramref name="adminOnly"/>), and <paramref name="ifMatch"/>, when sent, names its current
    /// version (412).
    /// </summary>
    public async Task<(ApiResource? Resource, ErrorResult? Refusal)> LoadForChangeAsync(
        Guid id, PlatformIdentity caller, string? ifMatch, CancellationToken cancellationToken, bool adminOnly = false)
    {
        var resource = await LoadAsync(id, cancellationToken);
        if (resource is null || !caller.CanSee(resource.Status, resource.UserId))
        {
            return (null, ApiErrors.NotFound($"No API resource with id '{id}'."));
        }
        if (adminOnly ? !caller.IsAdmin : !caller.CanChange(resource.UserId))
        {
            return (null, ApiErrors.Forbidden(adminOnly ? "Only an admin may do this." : "Only the owner or an admin may change this resource."));
        }
        if (!string.IsNullOrEmpty(ifMatch) && !ETags.Matches(ifMatch, resource.Version))
        {
            return (null, ApiErrors.PreconditionFailed($"The resource is at {ETags.For(resource.Version)}; read it again."));
        }
        return (resource, null);
    }

    /// <summary>A tracked resource with its category, hours and images, or null when missing or deleted.</summary>
    private Task<ApiResource?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        db.ApiResources
            .Include(r => r.Category).Include(r => r.Hours).Include(r => r.Images)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == id && r.DeletedAt == null, cancellationToken);

    /// <summary>Saves the tracked change of <paramref name="resource"/> with its outbox event and commits.</summary>
    public async Task<WrittenResource> CommitAsync(
        IDbContextTransaction transaction, ApiResource resource, ChangeType type, IReadOnlyCollection<string> retiredSlugs,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (db.Entry(resource).State != EntityState.Added)
        {
            resource.Version++;
        }
        resource.UpdatedAt = now;
        if (resource.CategoryId is { } categoryId && resource.Category?.Id != categoryId)
        {
            resource.Category = await db.Categories.FindAsync([categoryId], cancellationToken);
        }
        else if (resource.CategoryId is null)
        {
            resource.Category = null;
        }

        var dto = resource.ToDto();
        var bytes = ContractJson.Serialize(dto);
        var change = new ResourceChange
        {
            Type = type,
            ResourceId = resource.Id,
            OccurredAt = now,
            Resource = type == ChangeType.Deleted ? null : Encoding.UTF8.GetString(bytes),
        };
        db.ResourceChanges.Add(change);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.ChangesWritten(1, WireNames.Of(type));

        var deleted = resource.DeletedAt is not null;
        await cache.PutResourceAsync(
            new CachedResource(resource.Version, deleted ? Array.Empty<byte>() : bytes, resource.Status, resource.UserId, resource.Slug), resource.Id);
        if (retiredSlugs.Count > 0)
        {
            await cache.RemoveSlugsAsync(retiredSlugs);
        }
        await cache.InvalidateListsAsync();
        await notifier.AnnounceAsync(change.Sequence);
        return new WrittenResource(dto, bytes, resource.Version);
    }
}
