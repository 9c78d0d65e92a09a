using Microsoft.Extensions.Options;
using RomApi.ResourceService.Data;
using RomApi.ResourceService.Telemetry;
using StackExchange.Redis;

namespace RomApi.ResourceService.Caching;

/// <summary>
/// Cache-aside in Redis with exact keys and versioned namespaces (never KEYS):
/// a resource is a hash under its id, written only if not older than what is there (so a slow reader cannot put back a
/// version that a writer replaced); slugs map to ids; lists and categories live under a namespace version that every
/// write bumps, which retires all their entries at once.
/// </summary>
public sealed class ResourceCache(CacheConnection connection, IOptions<CacheOptions> options, ResourceServiceMetrics metrics)
{
    private const string Prefix = "romapi:rs:";
    private const string ListVersionKey = Prefix + "lists:ver";
    private const string CategoryVersionKey = Prefix + "cats:ver";

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

    public async Task<CachedResource?> GetResourceAsync(Guid id)
    {
        var values = await connection.TryAsync(db => db.HashGetAsync(ResourceKey(id), ResourceFields), []);
        var cached = values.Length == 5 && !values[0].IsNull ? Parse(values) : null;
        metrics.CacheLookup("resource", cached is not null);
        return cached;
    }

    public async Task<Guid?> GetIdBySlugAsync(string slug)
    {
        var value = await connection.TryAsync(db => db.StringGetAsync(SlugKey(slug)), RedisValue.Null);
        var id = !value.IsNull && Guid.TryParse(value.ToString(), out var parsed) ? parsed : (Guid?)null;
        metrics.CacheLookup("slug", id is not null);
        return id;
    }

    public Task PutResourceAsync(CachedResource resource, Guid id) =>
        connection.TryAsync(db => PutAsync(db, resource, id));

    /// <summary>Puts many resources in one pipeline (after a bulk write).</summary>
    public Task PutResourcesAsync(IReadOnlyList<(Guid Id, CachedResource Resource)> resources) =>
        connection.TryAsync(db => Task.WhenAll(resources.Select(r => PutAsync(db, r.Resource, r.Id))));

    /// <summary>
    /// Marks resources as changed elsewhere (a category rename): the entry keeps the new version but no data, so the next read
    /// reloads it and a reader holding the older version cannot put it back.
    /// </summary>
    public Task MarkStaleAsync(IReadOnlyList<(Guid Id, int Version, string Slug)> resources) =>
        connection.TryAsync(db => Task.WhenAll(resources.Select(r => PutAsync(db,
            new CachedResource(r.Version, Array.Empty<byte>(), default, null, r.Slug), r.Id, StaleStatus))));

    public Task PutSlugAsync(string slug, Guid id) =>
        connection.TryAsync(db => db.StringSetAsync(SlugKey(slug), id.ToString(), _options.ResourceTtl));

    public Task RemoveSlugsAsync(IEnumerable<string> slugs) =>
        connection.TryAsync(db => db.KeyDeleteAsync(slugs.Select(s => (RedisKey)SlugKey(s)).ToArray()));

    public async Task<string?> GetListAsync(string queryKey)
    {
        var value = await connection.TryAsync(async db =>
        {
            var version = await db.StringGetAsync(ListVersionKey);
            return await db.StringGetAsync(ListKey(version, queryKey));
        }, RedisValue.Null);
        metrics.CacheLookup("list", !value.IsNull);
        return value.IsNull ? null : value.ToString();
    }

    /// <summary>Stores a list under the namespace version read before the database query, so a concurrent write retires it.</summary>
    public async Task<RedisValue> GetListVersionAsync() =>
        await connection.TryAsync(db => db.StringGetAsync(ListVersionKey), RedisValue.Null);

    public Task PutListAsync(RedisValue version, string queryKey, string payload) =>
        connection.TryAsync(db => db.StringSetAsync(ListKey(version, queryKey), payload, _options.ListTtl));

    public Task InvalidateListsAsync() => connection.TryAsync(db => db.StringIncrementAsync(ListVersionKey));

    public async Task<(RedisValue Version, string? Payload)> GetCategoriesAsync(string variant)
    {
        var result = await connection.TryAsync(async db =>
        {
            var version = await db.StringGetAsync(CategoryVersionKey);
            return (version, await db.StringGetAsync(CategoryKey(version, variant)));
        }, (RedisValue.Null, RedisValue.Null));
        metrics.CacheLookup("category", !result.Item2.IsNull);
        return (result.Item1, result.Item2.IsNull ? null : result.Item2.ToString());
    }

    public Task PutCategoriesAsync(RedisValue version, string variant, string payload) =>
        connection.TryAsync(db => db.StringSetAsync(CategoryKey(version, variant), payload, _options.CategoryTtl));

    public Task InvalidateCategoriesAsync() => connection.TryAsync(db => db.StringIncrementAsync(CategoryVersionKey));

    private Task PutAsync(IDatabaseAsync db, CachedResource resource, Guid id, string? status = null) =>
        db.ScriptEvaluateAsync(PutIfNotOlderScript, [ResourceKey(id)],
        [
            resource.Version,
            resource.Json,
            status ?? EnumName(resource.Status),
            resource.UserId?.ToString() ?? "",
            resource.Slug,
            (long)_options.ResourceTtl.TotalSeconds,
        ]);

    private static CachedResource? Parse(RedisValue[] values)
    {
        if (!int.TryParse(values[0].ToString(), out var version) || !Enum.TryParse<ResourceStatus>(values[2].ToString(), true, out var status))
        {
            return null;
        }
        var userId = Guid.TryParse(values[3].ToString(), out var user) ? user : (Guid?)null;
        return new CachedResource(version, (byte[])values[1]!, status, userId, values[4].ToString());
    }

    private static string EnumName(ResourceStatus status) => status.ToString().ToUpperInvariant();
    private static string ResourceKey(Guid id) => $"{Prefix}res:{id:N}";
    private static string SlugKey(string slug) => $"{Prefix}slug:{slug}";
    private static string ListKey(RedisValue version, string queryKey) => $"{Prefix}list:{(version.IsNull ? "0" : version.ToString())}:{queryKey}";
    private static string CategoryKey(RedisValue version, string variant) => $"{Prefix}cats:{(version.IsNull ? "0" : version.ToString())}:{variant}";
}
