using Microsoft.Extensions.Options;
using RomApi.SearchService.Telemetry;
using System.Threading.Channels;

namespace RomApi.SearchService.Analytics;

/// <summary>One SEARCH event as POST /internal/events of the analytics service takes it (shared contract).</summary>
public sealed record SearchEvent(
    Guid Id,
    string EventType,
    Guid? UserId,
    Guid? ApiKeyId,
    string? UserAgent,
    string? IpAddress,
    SearchEventMetadata Metadata,
    DateTimeOffset CreatedAt);

public sealed record SearchEventMetadata(string Query, IReadOnlyDictionary<string, string> Filters, long ResultCount, double TookMs);

public sealed record SearchEventBatch(IReadOnlyList<SearchEvent> Events);

/// <summary>Configuration section "SearchEvents": how SEARCH events travel to the analytics service.</summary>
public sealed class SearchEventOptions
{
    public const string SectionName = "SearchEvents";

    public string AnalyticsBaseAddress { get; set; } = "http://analyticsservice";

    /// <summary>Events waiting beyond this are dropped (and counted): searches never wait for analytics.</summary>
    public int QueueCapacity { get; set; } = 20_000;

    public int BatchSize { get; set; } = 500;
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>A bounded queue of SEARCH events that drops when full (counted in romapi.search.events.dropped), so a search never waits.</summary>
public sealed class SearchEventQueue(IOptions<SearchEventOptions> options, SearchServiceMetrics metrics)
{
    // Wait, not DropWrite: TryWrite never waits either way, but only in Wait mode does it say false when the queue is full.
    private readonly Channel<SearchEvent> _channel = Channel.CreateBounded<SearchEvent>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ChannelReader<SearchEvent> Reader => _channel.Reader;

    public void Enqueue(SearchEvent searchEvent)
    {
        if (!_channel.Writer.TryWrite(searchEvent))
        {
            metrics.SearchEventDropped();
        }
    }
}
