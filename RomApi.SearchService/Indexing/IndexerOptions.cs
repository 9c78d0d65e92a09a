namespace RomApi.SearchService.Indexing;

/// <summary>Configuration section "Indexer": how this replica follows ResourceService's change feed.</summary>
public sealed class IndexerOptions
{
    public const string SectionName = "Indexer";

    /// <summary>Events asked for per request (the feed's maximum is 1000).</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Polling (untraced, one event asked for) catches what a lost Redis notification would miss.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a starting replica waits for the resource service's feed quietly (a debug line per try); past it, a
    /// feed never reached is a warning and /health says Degraded.</summary>
    public TimeSpan StartWait { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>/health reports Degraded when the index is further behind the feed than this.</summary>
    public TimeSpan MaxHealthyLag { get; set; } = TimeSpan.FromSeconds(30);
}
