using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace RomApi.Gateway.ApiKeys;

/// <summary>What the gateway needs to know of a key and its owner on every request.</summary>
public sealed record ApiKeyEntry(
    Guid Id, Guid UserId, byte[] Hash, string[] Permissions, int RateLimit, bool IsActive, DateTimeOffset? ExpiresAt,
    string Email, string UserType, string Plan, int ApiQuota)
{
    /// <summary>The caller the key's requests are made by, built once for as long as the entry is cached.</summary>
    public Caller Caller { get; } = new(UserId, Email, UserType, Plan, ApiQuota, Id, RateLimit, Permissions);

    /// <summary>
    /// The presented key that last matched <see cref="Hash"/>: the same text again is checked by a constant-time comparison
    /// instead of hashing it again on every request.
    /// </summary>
    public string? Verified { get; set; }
}

/// <summary>
/// Keys by prefix, cached for <see cref="Lifetime"/> so the hot path rarely touches PostgreSQL; the requests that miss one key at the
/// same moment (its entry just expired) share one read (<see cref="SingleFlight{TKey, TValue}"/>). A revocation is published on the
/// Redis channel <see cref="RevocationChannel"/> and every replica drops the key at once; a replica that lost its Redis connection
/// drops its whole cache when it reconnects (it may have missed messages), and the lifetime bounds staleness when Redis is down.
/// </summary>
public sealed partial class ApiKeyCache(IServiceScopeFactory scopes, IConnectionMultiplexer redis, ILogger<ApiKeyCache> logger) : IDisposable
{
    public static readonly RedisChannel RevocationChannel = RedisChannel.Literal("romapi:apikeys:revoked");
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan UnknownLifetime = TimeSpan.FromSeconds(5);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    // Requests that miss the same key at once share one database read.
    private readonly SingleFlight<string, ApiKeyEntry?> _loads = new(StringComparer.Ordinal);
    // Bumped by every invalidation. A look-up that an invalidation overtook may have read the row before the revocation was
    // committed; caching that would keep a revoked key for a whole Lifetime instead of dropping it at once.
    private long _invalidations;

    public ValueTask<ApiKeyEntry?> FindAsync(string prefix, CancellationToken cancellationToken) =>
        _cache.TryGetValue(prefix, out ApiKeyEntry? cached)
            ? ValueTask.FromResult(cached)
            : new ValueTask<ApiKeyEntry?>(_loads.RunAsync(prefix, LoadAsync, cancellationToken));

    // Not cancelled by the request that started it: the requests waiting with it still want the answer.
    private async Task<ApiKeyEntry?> LoadAsync(string prefix)
    {
        var invalidationsBefore = Interlocked.Read(ref _invalidations);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var row = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyPrefix == prefix)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { Key = k, u.Email, u.UserType, u.Plan, u.ApiQuota })
            .SingleOrDefaultAsync();
        var entry = row is null ? null : new ApiKeyEntry(row.Key.Id, row.Key.UserId, row.Key.KeyHash, row.Key.Permissions, row.Key.RateLimit,
            row.Key.IsActive, row.Key.ExpiresAt, row.Email, row.UserType.ToString().ToUpperInvariant(), row.Plan.ToString().ToUpperInvariant(), row.ApiQuota);
        _cache.Set(prefix, entry, entry is null ? UnknownLifetime : Lifetime);
        // Checked after Set: an invalidation either came before this check (the entry goes) or after Set (it removed the entry).
        if (Interlocked.Read(ref _invalidations) != invalidationsBefore)
        {
            _cache.Remove(prefix);
        }
        return entry;
    }

    public async Task InvalidateEverywhereAsync(string prefix)
    {
        Invalidate(prefix);
        try
        {
            await redis.GetSubscriber().PublishAsync(RevocationChannel, prefix);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogPublishFailed(logger, prefix, exception.GetType().Name);
        }
    }

    public void Invalidate(string prefix)
    {
        Interlocked.Increment(ref _invalidations);
        _loads.Forget(prefix);
        _cache.Remove(prefix);
    }

    public void Clear()
    {
        Interlocked.Increment(ref _invalidations);
        _loads.ForgetAll();
        _cache.Clear();
    }

    public void Dispose() => _cache.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the revocation of API key {KeyPrefix} ({ErrorType}); other replicas drop it within the cache lifetime")]
    private static partial void LogPublishFailed(ILogger logger, string keyPrefix, string errorType);
}
