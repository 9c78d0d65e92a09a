using SearchEvent = RomApi.Contracts.Analytics.ServiceEvent<RomApi.Contracts.Analytics.SearchMetadata>;
using RomApi.Platform.Analytics;

namespace RomApi.SearchService.Analytics;

/// <summary>Configuration section "SearchEvents": how SEARCH events travel to the analytics service.</summary>
public sealed class SearchEventOptions
{
    public const string SectionName = "SearchEvents";

    /// <summary>Events waiting beyond this are dropped (and counted): searches never wait for analytics.</summary>
    public int QueueCapacity { get; set; } = 20_000;

    public int BatchSize { get; set; } = 500;
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>The SEARCH events waiting for their sender; a search never waits for it (drops: romapi.search.events.dropped).</summary>
public sealed class SearchEventQueue(IOptions<SearchEventOptions> options, SearchServiceMetrics metrics)
    : AnalyticsEventQueue<SearchEvent>(options.Value.QueueCapacity, metrics.SearchEventDropped);
