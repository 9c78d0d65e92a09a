namespace RomApi.ResourceService.Caching;

/// <summary>Configuration section "Cache": how long each kind of entry lives.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    public TimeSpan ResourceTtl { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan CategoryTtl { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan ListTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one cache call may take before the database answers instead. Redis answers in about a millisecond; a hung Redis
    /// (its connection open, nothing answering) would otherwise hold every read for the client's 5 s timeout.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>After a failed or slow call the cache is left alone this long, so a hung Redis costs one timeout per period, not per request.</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(1);
}
