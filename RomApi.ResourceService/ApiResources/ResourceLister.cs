using System.Security.Cryptography;

namespace RomApi.ResourceService.ApiResources;

/// <summary>The resource list: filters checked (400 on a bad value), the caller's visibility applied, pages cached briefly.</summary>
public sealed class ResourceLister(ResourceDbContext db, ResourceCache cache, ResourceJson json, IOptions<ApiResourcesOptions> options)
{
    public static readonly IReadOnlyList<string> Sorts = ["createdAt:desc", "name:asc", "updatedAt:desc"];

    // What anonymous and API-key callers see (published resources only), one cache scope for all of them.
    private const string PublicScope = "public";

    /// <summary>A page; <paramref name="Public"/> when it is what every anonymous and API-key caller sees for the same query.</summary>
    public sealed record Page(string DataJson, PageMeta Meta, bool Public);

    public async Task<(Page? Page, ErrorResult? Error)> ListAsync(ResourceListQuery query, PlatformIdentity caller, CancellationToken cancellationToken)
    {
        var paging = options.Value;
        var limit = query.Limit ?? paging.DefaultLimit;
        var offset = query.Offset ?? 0;
        if (limit < 1 || limit > paging.MaxLimit)
        {
            return (null, ApiErrors.BadRequest($"limit must be between 1 and {paging.MaxLimit}."));
        }
        if (offset < 0 || offset > paging.MaxOffset)
        {
            return (null, ApiErrors.BadRequest($"offset must be between 0 and {paging.MaxOffset}."));
        }
        var sort = query.Sort ?? Sorts[0];
        if (!Sorts.Contains(sort))
        {
            return (null, ApiErrors.BadRequest($"sort must be one of {string.Join(", ", Sorts)}."));
        }
        if ((BadEnum<ResourceType>("resourceType", query.ResourceType) ?? BadEnum<ResourceStatus>("status", query.Status) ??
             BadEnum<ResourcePlan>("plan", query.Plan)) is { } enumError)
        {
            return (null, enumError);
        }
        foreach (var (name, value) in new[] { ("city", query.City), ("region", query.Region), ("category", query.Category) })
        {
            if (value is { Length: > FieldLimits.Place * 2 })
            {
                return (null, ApiErrors.BadRequest($"{name} is too long."));
            }
            // PostgreSQL refuses NUL in a query parameter; no stored value can match such text anyway.
            if (value is not null && TextChecks.Problem(value) is { } problem)
            {
                return (null, ApiErrors.BadRequest($"{name} {problem}."));
            }
        }

        var scope = caller.SeesEverything() ? "admin" : caller.SeesOwnOf() is { } me ? $"user:{me:N}" : PublicScope;
        var isPublic = scope == PublicScope;
        var cacheKey = CacheKey(query with { Limit = limit, Offset = offset, Sort = sort }, scope);
        if (await cache.GetListAsync(cacheKey) is { } cached)
        {
            var newline = cached.IndexOf('\n');
            return (new Page(cached[(newline + 1)..], new PageMeta(long.Parse(cached[..newline]), limit, offset), isPublic), null);
        }
        var version = await cache.GetListVersionAsync();

        var resources = db.ApiResources.AsNoTracking().Where(r => r.DeletedAt == null);
        resources = scope switch
        {
            "admin" => resources,
            PublicScope => resources.Where(r => r.Status == ResourceStatus.Active),
            _ => resources.Where(r => r.Status == ResourceStatus.Active || r.UserId == caller.UserId),
        };
        var filtered = await FilterAsync(resources, query, cancellationToken);
        if (filtered is null)
        {
            return (null, ApiErrors.BadRequest("No such category."));
        }

        var total = await filtered.LongCountAsync(cancellationToken);
        var ordered = sort switch
        {
            "name:asc" => filtered.OrderBy(r => r.Name).ThenBy(r => r.Id),
            "updatedAt:desc" => filtered.OrderByDescending(r => r.UpdatedAt).ThenBy(r => r.Id),
            _ => filtered.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id),
        };
        var items = total <= offset ? [] : await ordered
            .Skip(offset).Take(limit)
            .Include(r => r.Category).Include(r => r.Hours).Include(r => r.Images)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var dataJson = Encoding.UTF8.GetString(json.Serialize(items.Select(r => r.ToDto()).ToList()));
        await cache.PutListAsync(version, cacheKey, $"{total}\n{dataJson}");
        return (new Page(dataJson, new PageMeta(total, limit, offset), isPublic), null);
    }

    private async Task<IQueryable<ApiResource>?> FilterAsync(IQueryable<ApiResource> resources, ResourceListQuery query, CancellationToken cancellationToken)
    {
        if (query.CategoryId is { } categoryId)
        {
            resources = resources.Where(r => r.CategoryId == categoryId);
        }
        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            var categories = await CategoryIndex.LoadAsync(db, cancellationToken);
            if (categories.Find(query.Category.Trim()) is not { } category)
            {
                return null;
            }
            var ids = categories.WithDescendants(category.Id).ToArray();
            resources = resources.Where(r => r.CategoryId != null && ids.Contains(r.CategoryId.Value));
        }
        if (!string.IsNullOrWhiteSpace(query.City))
        {
            var city = query.City.Trim().ToLower();
            resources = resources.Where(r => r.City != null && r.City.ToLower() == city);
        }
        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            var region = query.Region.Trim().ToLower();
            resources = resources.Where(r => r.Region != null && r.Region.ToLower() == region);
        }
        if (query.ResourceType is not null && EnumText.TryParse<ResourceType>(query.ResourceType, out var type))
        {
            resources = resources.Where(r => r.ResourceType == type);
        }
        if (query.Status is not null && EnumText.TryParse<ResourceStatus>(query.Status, out var status))
        {
            resources = resources.Where(r => r.Status == status);
        }
        if (query.Plan is not null && EnumText.TryParse<ResourcePlan>(query.Plan, out var plan))
        {
            resources = resources.Where(r => r.Plan == plan);
        }
        if (query.Verified is { } verified)
        {
            resources = resources.Where(r => r.Verified == verified);
        }
        if (query.UserId is { } userId)
        {
            resources = resources.Where(r => r.UserId == userId);
        }
        return resources;
    }

    private static ErrorResult? BadEnum<TEnum>(string name, string? value) where TEnum : struct, Enum =>
        value is null || EnumText.TryParse<TEnum>(value, out _)
            ? null
            : ApiErrors.BadRequest($"{name} must be one of {string.Join(", ", EnumText.Names<TEnum>())}.");

    private static string CacheKey(ResourceListQuery query, string scope) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(scope + "|" + JsonSerializer.Serialize(query))))[..32];
}
