namespace RomApi.ResourceService.Categories;

/// <summary>
/// Resources show their category's name and slug, so a rename is a change of each of them: new versions, UPDATED events with
/// fresh snapshots (search re-indexes them), and cache entries marked stale.
/// </summary>
public sealed class CategoryRenamer(ResourceDbContext db, ResourceCache cache, ChangeNotifier notifier, TimeProvider time)
{
    public async Task SaveAndReannounceAsync(Category category, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await WriteLock.AcquireAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var resources = await db.ApiResources
            .Include(r => r.Category).Include(r => r.Hours).Include(r => r.Images)
            .Where(r => r.CategoryId == category.Id)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var changes = new List<ResourceChange>();
        foreach (var resource in resources)
        {
            resource.Version++;
            resource.UpdatedAt = now;
            if (resource.DeletedAt is null)
            {
                changes.Add(new ResourceChange
                {
                    Type = ChangeType.Updated,
                    ResourceId = resource.Id,
                    OccurredAt = now,
                    Resource = Encoding.UTF8.GetString(ContractJson.Serialize(resource.ToDto())),
                });
            }
        }
        db.ResourceChanges.AddRange(changes);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await cache.MarkStaleAsync(resources.Where(r => r.DeletedAt is null).Select(r => (r.Id, r.Version, r.Slug)).ToList());
        await cache.InvalidateListsAsync();
        if (changes.Count > 0)
        {
            await notifier.AnnounceAsync(changes.Max(c => c.Sequence));
        }
    }
}
