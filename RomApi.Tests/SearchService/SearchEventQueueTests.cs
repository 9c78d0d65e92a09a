using RomApi.SearchService.Analytics;
using RomApi.SearchService.Telemetry;

namespace RomApi.Tests.SearchService;

/// <summary>The search service's analytics queue: searches never wait for it, and what it cannot hold is counted.</summary>
public sealed class SearchEventQueueTests
{
    private const int Capacity = 3;

    [Fact]
    public void Searches_beyond_the_search_event_queue_are_dropped_without_waiting_and_counted()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new SearchServiceMetrics(services.GetRequiredService<IMeterFactory>(), new IndexerState(TimeProvider.System));
        var queue = new SearchEventQueue(Options.Create(new SearchEventOptions { QueueCapacity = Capacity }), metrics);
        using var dropped = new CounterTotal(SearchServiceMetrics.MeterName, "romapi.search.events.dropped");

        for (var i = 0; i < Capacity + 4; i++)
        {
            queue.Enqueue(new ServiceEvent<SearchMetadata>(Guid.NewGuid(), null, EventTypes.Search, null, null, null, null, null,
                new SearchMetadata($"query {i}", new Dictionary<string, string>(), 0, 1), DateTimeOffset.UtcNow));
        }

        var queued = new List<string>();
        while (queue.Reader.TryRead(out var searchEvent))
        {
            queued.Add(searchEvent.Metadata!.Query);
        }
        Assert.Equal(["query 0", "query 1", "query 2"], queued);
        Assert.Equal(4, dropped.Total);
    }
}
