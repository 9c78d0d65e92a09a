using System.Collections.Concurrent;
using StackExchange.Redis;

namespace RomApi.ResourceService.Categories;

/// <summary>
/// The category tree and the flat list as served, kept in this process under the Redis namespace version they belong to (every
/// category write on any replica moves it): a read asks Redis for the version alone and, while it has not moved, answers from
/// here, without fetching and re-encoding the whole payload. On a new version the payload comes from Redis, else from the
/// database (and goes to Redis). While the cache cannot be trusted (Redis away, missed updates pending) every read comes from the
/// database and nothing is kept.
/// </summary>
public sealed class CategoryReader(ResourceCache cache, ResourceJson json)
{
    public const string Tree = "tree";
    public const string Flat = "flat";

    private sealed record Copy(RedisValue Version, byte[] Json, IReadOnlyList<CategoryDto> Nodes);

    private readonly ConcurrentDictionary<string, Copy> _copies = new();

    /// <summary>The variant (<see cref="Tree"/> or <see cref="Flat"/>) as JSON (UTF-8) and as nodes.</summary>
    public async Task<(byte[] Json, IReadOnlyList<CategoryDto> Nodes)> ReadAsync(string variant, ResourceDbContext db, CancellationToken cancellationToken)
    {
        var version = await cache.GetCategoryVersionAsync();
        if (version is { IsNull: false } current && _copies.TryGetValue(variant, out var copy) && copy.Version == current)
        {
            return (copy.Json, copy.Nodes);
        }
        var kept = version is { } v ? await cache.GetCategoriesAsync(v, variant) : null;
        IReadOnlyList<CategoryDto> nodes;
        byte[] payload;
        if (kept is not null)
        {
            (payload, nodes) = (kept, JsonSerializer.Deserialize<List<CategoryDto>>(kept, json.Options)!);
        }
        else
        {
            var rows = await LoadAllAsync(db, cancellationToken);
            nodes = variant == Flat ? rows : CategoryNesting.Build(rows);
            payload = json.Serialize(nodes);
            if (version is { } readUnder)
            {
                await cache.PutCategoriesAsync(readUnder, variant, payload);
            }
        }
        if (version is { IsNull: false } keptUnder)
        {
            // Not when Redis holds no version (it lost its data since the last category write): that would match again after the next loss.
            // A slower read may put back an older version's copy: the next read sees the version differ and reloads.
            _copies[variant] = new Copy(keptUnder, payload, nodes);
        }
        return (payload, nodes);
    }

    private static Task<List<CategoryDto>> LoadAllAsync(ResourceDbContext db, CancellationToken cancellationToken) =>
        db.Categories.AsNoTracking()
            .OrderBy(c => c.Name)
            .Select(c => new CategoryDto(c.Id, c.Name, c.Slug, c.Description, c.Icon, c.ParentId, Array.Empty<CategoryDto>()))
            .ToListAsync(cancellationToken);
}
