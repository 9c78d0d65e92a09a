namespace RomApi.Gateway.ResponseCache;

/// <summary>
/// Configuration section "ResponseCache": the gateway's shared copies of public reads by id or slug and of public list pages
/// (`ResponseCache__Enabled=false` turns it off; every read then goes to the resource service).
/// </summary>
public sealed class ResponseCacheOptions
{
    public const string SectionName = "ResponseCache";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest a copy is served, whatever the resource service allows (the shorter of the two holds). The change feed evicts a
    /// copy as soon as its resource changes; this bounds a copy whose eviction was missed.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Copies kept at most; when full, the oldest make room.</summary>
    public int MaxEntries { get; set; } = 20_000;

    /// <summary>Bytes of answers (with a per-entry overhead) kept at most; when full, the oldest make room.</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The share of <see cref="MaxEntries"/> and <see cref="MaxBytes"/> that pages of the resource list may hold at most; when it is
    /// full, the oldest list page makes room. A client walking many distinct list queries (a crawler paging through offsets, ~23 KB
    /// a page) would otherwise push out the reads by id, which are smaller and asked for again far more often.
    /// </summary>
    public double ListPageShare { get; set; } = 0.25;

    /// <summary>An answer larger than this is not kept: one copy should never push out a large share of the others.</summary>
    public int MaxAnswerBytes { get; set; } = 1024 * 1024;

    /// <summary>How often the change feed is read when no Redis notification wakes the follower first.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events asked for per read of the change feed.</summary>
    public int FeedBatchSize { get; set; } = 500;
}
