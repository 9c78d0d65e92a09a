namespace RomApi.Gateway.ResponseCache;

/// <summary>What a read by id or slug is cached under: the resource's id (by id) or its slug (by slug), never both.</summary>
public readonly record struct CacheKey(Guid Id, string? Slug)
{
    public static CacheKey ById(Guid id) => new(id, null);

    public static CacheKey BySlug(string slug) => new(Guid.Empty, slug);
}

/// <summary>
/// A shared answer of the resource service as the gateway keeps it: the body as sent (envelope included), its entity tag and
/// content type, the resource it shows (for eviction by id, whatever the key) and when it stops being served (a timestamp of the
/// store's <see cref="TimeProvider"/>).
/// </summary>
public sealed record CachedAnswer(Guid ResourceId, byte[] Body, string? ETag, string ContentType, long ExpiresAt)
{
    /// <summary>What an entry costs beyond its body (key, tag, headers, bookkeeping), so that many small answers are bounded too.</summary>
    public const int Overhead = 256;

    public long Size => Body.Length + Overhead;
}
