using StackExchange.Redis;

namespace RomApi.ResourceService.Caching;

/// <summary>
/// Cache-aside in Redis with exact keys and versioned namespaces (never KEYS):
/// a resource is a hash under its id, written only if not older than what is there (so a slow reader cannot put back a
/// version that a writer replaced); slugs map to ids; lists and categories live under a namespace version that every
/// write bumps, which retires all their entries at once. An update that cannot reach Redis is remembered (<see cref="CacheRepairs"/>)
/// and applied before the cache serves anything again.
/// </summary>
public sealed partial class ResourceCache(
    CacheConnection connection, CacheRepairs repairs, IOptions<CacheOptions> options, ResourceServiceMetrics metrics, ILogger<ResourceCache> logger)
{
    private const int RepairChunk = 1000;
    private const string Prefix = "romapi:rs:";
    private const string ListVersionKey = Prefix + "lists:ver";
    /// <summary>Every key of the categories' namespace (its version and the payloads kept under it) starts with this.</summary>
    public const string CategoryKeyPrefix = Prefix + "cats:";
    private const string CategoryVersionKey = CategoryKeyPrefix + "ver";

    // KEYS[1] = resource key; ARGV = version, json, status, user id, slug, ttl seconds.
    private const string PutIfNotOlderScript = """
        local current = redis.call('HGET', KEYS[1], 'v')
        if current and tonumber(current) > tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', ARGV[1], 'd', ARGV[2], 's', ARGV[3], 'u', ARGV[4], 'g', ARGV[5])
        redis.call('EXPIRE', KEYS[1], ARGV[6])
        return 1
        """;

    private static readonly RedisValue[] ResourceFields = ["v", "d", "s", "u", "g"];

    // A status no resource has: the entry reads as a miss.
    private const string StaleStatus = "STALE";

    private readonly CacheOptions _options = options.Value;
    private readonly SemaphoreSlim _repairing = new(1, 1);

    public async Task<CachedResource?> GetResourceAsync(Guid id)
    {
        var values = await ReadAsync(db => db.HashGetAsync(ResourceKey(id), ResourceFields), []);
        var cached = values.Length == 5 && !values[0].IsNull ? Parse(values) : null;
        metrics.CacheLookup("resource", cached is not null);
        return cached;
    }

    public async Task<Guid?> GetIdBySlugAsync(string slug)
    {
        var value = await ReadAsync(db => db.StringGetAsync(SlugKey(slug)), RedisValue.Null);
        var id = !value.IsNull && Guid.TryParse(value.ToString(), out var parsed) ? parsed : (Guid?)null;
        metrics.CacheLookup("slug", id is not null);
        return id;
    }

    public Task PutResourceAsync(CachedResource resource, Guid id) =>
        WriteAsync(db => PutAsync(db, resource, id), () => repairs.Resources([id]));

    /// <summary>Puts many resources in one pipeline (after a bulk write).</summary>
    public Task PutResourcesAsync(IReadOnlyList<(Guid Id, CachedResource Resource)> resources) =>
        WriteAsync(db => Task.WhenAll(resources.Select(r => PutAsync(db, r.Resource, r.Id))), () => repairs.Resources(resources.Select(r => r.Id)));

    /// <summary>
    /// Marks resources as changed elsewhere (a category rename): the entry keeps the new version but no data, so the next read
    /// reloads it and a reader holding the older version cannot put it back.
    /// </summary>
    public Task MarkStaleAsync(IReadOnlyList<(Guid Id, int Version, string Slug)> resources) =>
        WriteAsync(db => Task.WhenAll(resources.Select(r => PutAsync(db,
            new CachedResource(r.Version, Array.Empty<byte>(), default, null, r.Slug), r.Id, StaleStatus))), () => repairs.Resources(resources.Select(r => r.Id)));

    // A slug entry that could not be written is simply missing: a miss, never stale.
    public Task PutSlugAsync(string slug, Guid id) =>
        WriteAsync(db => db.StringSetAsync(SlugKey(slug), id.ToString(), _options.ResourceTtl), static () => { });

    public Task RemoveSlugsAsync(IReadOnlyCollection<string> slugs) =>
        WriteAsync(db => db.KeyDeleteAsync(slugs.Select(s => (RedisKey)SlugKey(s)).ToArray()), () => repairs.Slugs(slugs));

    public async Task<string?> GetListAsync(string queryKey)
    {
        var value = await ReadAsync(async db =>
        {
            var version = await db.StringGetAsync(ListVersionKey);
            return await db.StringGetAsync(ListKey(version, queryKey));
        }, RedisValue.Null);
        metrics.CacheLookup("list", !value.IsNull);
        return value.IsNull ? null : value.ToString();
    }

    /// <summary>Stores a list under the namespace version read before the database query, so a concurrent write retires it.</summary>
    public async Task<RedisValue> GetListVersionAsync() =>
        await ReadAsync(db => db.StringGetAsync(ListVersionKey), RedisValue.Null);

    public Task PutListAsync(RedisValue version, string queryKey, string payload) =>
        WriteAsync(db => db.StringSetAsync(ListKey(version, queryKey), payload, _options.ListTtl), static () => { });

    public Task InvalidateListsAsync() => WriteAsync(db => db.StringIncrementAsync(ListVersionKey), repairs.Lists);

    /// <summary>
    /// The categories' namespace version (<see cref="RedisValue.Null"/> until the first category write since Redis started); null
    /// when the cache cannot be trusted now (Redis away, or updates it missed not yet applied): nothing kept may be served then.
    /// </summary>
    public Task<RedisValue?> GetCategoryVersionAsync() =>
        ReadAsync<RedisValue?>(async db => await db.StringGetAsync(CategoryVersionKey), null);

    /// <summary>A category payload (UTF-8 JSON) kept under <paramref name="version"/>, or null.</summary>
    public async Task<byte[]?> GetCategoriesAsync(RedisValue version, string variant)
    {
        var value = await ReadAsync(db => db.StringGetAsync(CategoryKey(version, variant)), RedisValue.Null);
        metrics.CacheLookup("category", !value.IsNull);
        return value.IsNull ? null : (byte[]?)value;
    }

    public Task PutCategoriesAsync(RedisValue version, string variant, byte[] payload) =>
        WriteAsync(db => db.StringSetAsync(CategoryKey(version, variant), payload, _options.CategoryTtl), static () => { });

    public Task InvalidateCategoriesAsync() => WriteAsync(NewCategoryVersionAsync, repairs.Categories);

    // A new random version, not a counter: a counter starts again after Redis loses its data, and a replica could then take an
    // old copy it keeps in process (CategoryReader) for current.
    private static Task NewCategoryVersionAsync(IDatabase db) => db.StringSetAsync(CategoryVersionKey, Guid.NewGuid().ToString("N"));

    /// <summary>Applies the updates that did not reach Redis; false while they still cannot (nothing cached may be served then).</summary>
    public async Task<bool> RepairAsync()
    {
        if (!repairs.Pending)
        {
            return true;
        }
        await _repairing.WaitAsync();
        try
        {
            if (!repairs.Pending)
            {
                return true;
            }
            var overflowed = repairs.Overflowed;
            var pending = repairs.Take();
            var keys = pending.Resources.Select(id => (RedisKey)ResourceKey(id)).Concat(pending.Slugs.Select(slug => (RedisKey)SlugKey(slug))).ToList();
            var applied = await connection.TryAsync(async db =>
            {
                foreach (var chunk in keys.Chunk(RepairChunk))
                {
                    await db.KeyDeleteAsync(chunk);
                }
                if (pending.Lists)
                {
                    await db.StringIncrementAsync(ListVersionKey);
                }
                if (pending.Categories)
                {
                    await NewCategoryVersionAsync(db);
                }
            });
            if (!applied)
            {
                repairs.Restore(pending);
                return false;
            }
            LogRepaired(logger, keys.Count, pending.Lists, pending.Categories);
            if (overflowed)
            {
                LogOverflowed(logger, CacheRepairs.MaxRemembered, _options.ResourceTtl);
            }
            return true;
        }
        finally
        {
            _repairing.Release();
        }
    }

    private async Task<T> ReadAsync<T>(Func<IDatabase, Task<T>> read, T fallback) =>
        repairs.Pending && !await RepairAsync() ? fallback : await connection.TryAsync(read, fallback);

    private async Task WriteAsync(Func<IDatabase, Task> write, Action rememberLost)
    {
        if ((repairs.Pending && !await RepairAsync()) || !await connection.TryAsync(write))
        {
            rememberLost();
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Applied the cache updates Redis missed: {Keys} entries dropped, lists renewed: {Lists}, categories renewed: {Categories}")]
    private static partial void LogRepaired(ILogger logger, int keys, bool lists, bool categories);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "More than {Max} cache updates were missed while Redis was unreachable; entries beyond those may be stale for up to {Ttl}")]
    private static partial void LogOverflowed(ILogger logger, int max, TimeSpan ttl);

    private Task PutAsync(IDatabaseAsync db, CachedResource resource, Guid id, string? status = null) =>
        db.ScriptEvaluateAsync(PutIfNotOlderScript, [ResourceKey(id)],
        [
            resource.Version,
            resource.Json,
            status ?? WireNames.Of(resource.Status),
            resource.UserId?.ToString() ?? "",
            resource.Slug,
            (long)_options.ResourceTtl.TotalSeconds,
        ]);

    private static CachedResource? Parse(RedisValue[] values)
    {
        if (!int.TryParse(values[0].ToString(), out var version) || !WireNames.TryParse<ResourceStatus>(values[2].ToString(), out var status))
        {
            return null;
        }
        var userId = Guid.TryParse(values[3].ToString(), out var user) ? user : (Guid?)null;
        return new CachedResource(version, (byte[])values[1]!, status, userId, values[4].ToString());
    }

    private static string ResourceKey(Guid id) => $"{Prefix}res:{id:N}";
    private static string SlugKey(string slug) => $"{Prefix}slug:{slug}";
    private static string ListKey(RedisValue version, string queryKey) => $"{Prefix}list:{(version.IsNull ? "0" : version.ToString())}:{queryKey}";
    private static string CategoryKey(RedisValue version, string variant) => $"{CategoryKeyPrefix}{(version.IsNull ? "0" : version.ToString())}:{variant}";
}
