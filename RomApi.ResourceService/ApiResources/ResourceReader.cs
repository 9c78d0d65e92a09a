namespace RomApi.ResourceService.ApiResources;

/// <summary>Reads one resource cache-aside: Redis first, then PostgreSQL, filling the cache (deleted ones as tombstones).</summary>
public sealed class ResourceReader(ResourceDbContext db, ResourceCache cache, DatabaseAvailability database)
{
    /// <summary>The cached form of the resource, a tombstone when deleted, or null when it never existed.</summary>
    public async Task<CachedResource?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await cache.GetResourceAsync(id) is { } cached)
        {
            return cached;
        }
        var resource = await db.ApiResources.AsNoTracking()
            .Include(r => r.Category).Include(r => r.Hours).Include(r => r.Images)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        database.Answered();
        if (resource is null)
        {
            return null;
        }
        var loaded = new CachedResource(
            resource.Version,
            resource.DeletedAt is null ? ContractJson.Serialize(resource.ToDto()) : Array.Empty<byte>(),
            resource.Status,
            resource.UserId,
            resource.Slug);
        await cache.PutResourceAsync(loaded, id);
        return loaded;
    }

    /// <summary>The resource as the API shows it when <paramref name="caller"/> may see it (for its sub-resources), else the 404.</summary>
    public async Task<(ApiResourceDto? Resource, ErrorResult? Error)> GetVisibleAsync(Guid id, PlatformIdentity caller, CancellationToken cancellationToken)
    {
        var resource = await GetAsync(id, cancellationToken);
        if (resource is null || resource.IsDeleted || !caller.CanSee(resource.Status, resource.UserId))
        {
            return (null, ApiErrors.NotFound($"No API resource with id '{id}'."));
        }
        return (JsonSerializer.Deserialize<ApiResourceDto>(resource.Json.Span, ContractJson.Options), null);
    }

    public async Task<(Guid Id, CachedResource Resource)?> GetBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        if (await cache.GetIdBySlugAsync(slug) is { } cachedId &&
            await GetAsync(cachedId, cancellationToken) is { } viaCache && viaCache.Slug == slug)
        {
            return (cachedId, viaCache);
        }
        var id = await db.ApiResources.AsNoTracking().Where(r => r.Slug == slug).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null || await GetAsync(id.Value, cancellationToken) is not { } resource)
        {
            return null;
        }
        await cache.PutSlugAsync(slug, id.Value);
        return (id.Value, resource);
    }
}
