namespace RomApi.Gateway.ResponseCache;

/// <summary>What a shared read is kept under: one resource by id, one by slug, or a page of the resource list by its query string.</summary>
public enum CachedRead { ById, BySlug, List }

/// <summary>The key of a kept answer: the resource's id (by id), its slug (by slug) or the list's query string as sent (a list page).</summary>
public readonly record struct CacheKey(CachedRead Read, Guid Id, string? Text)
{
    public static CacheKey ById(Guid id) => new(CachedRead.ById, id, null);

    public static CacheKey BySlug(string slug) => new(CachedRead.BySlug, Guid.Empty, slug);

    /// <summary>A page of the resource list; the query string is taken as sent (another order of the same parameters is another copy).</summary>
    public static CacheKey ForList(string queryString) => new(CachedRead.List, Guid.Empty, queryString);
}

/// <summary>
/// A shared answer of the resource service as the gateway keeps it: the body as sent (envelope included), its entity tag and
/// content type, the resource it shows (for eviction by id, whatever the key; none for a list page, which shows many and goes with
/// any change) and when it stops being served (a timestamp of the store's <see cref="TimeProvider"/>).
/// </summary>
public sealed record CachedAnswer(Guid? ResourceId, byte[] Body, string? ETag, string ContentType, long ExpiresAt)
{
    /// <summary>What an entry costs beyond its body (key, tag, headers, bookkeeping), so that many small answers are bounded too.</summary>
    public const int Overhead = 256;

    public long Size => Body.Length + Overhead;
}
