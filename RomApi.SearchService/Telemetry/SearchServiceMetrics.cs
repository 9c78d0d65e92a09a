using System.Diagnostics.Metrics;
using RomApi.Platform.Telemetry;

namespace RomApi.SearchService.Telemetry;

/// <summary>The service's own meter, "RomApi.SearchService": search latency and index lag.</summary>
public sealed class SearchServiceMetrics : ServiceMeter
{
    public const string MeterName = "RomApi.SearchService";

    private readonly Histogram<double> _searchDuration, _indexerStep;
    private readonly Counter<long> _eventsDropped, _indexerEvents;

    public SearchServiceMetrics(IMeterFactory meterFactory, IndexerState indexer) : base(meterFactory, MeterName)
    {
        _searchDuration = Histogram<double>(
            "romapi.search.duration", "ms", "Time spent in the index per search, by kind and whether it found anything.");
        _eventsDropped = Counter("romapi.search.events.dropped", "{event}",
            "SEARCH events not sent to analytics because more searches waited for one send than the queue holds.");
        _indexerStep = Histogram<double>("romapi.search.indexer.step.duration", "ms",
            "Time per change-feed page in each indexer step: read (feed request and parsing) or apply (index write and refresh).");
        _indexerEvents = Counter("romapi.search.indexer.events", "{event}",
            "Change-feed events through each indexer step (read, apply); with the step durations, where indexing time goes.");
        Gauge("romapi.search.index.lag", () => indexer.Lag.TotalSeconds, "s",
            "How long this replica's index has been behind the change feed (0 when caught up).");
        Gauge("romapi.search.index.behind", () => indexer.EventsBehind, "{event}",
            "Change-feed events announced but not yet applied to this replica's index.");
        Gauge("romapi.search.index.position", () => indexer.Position, "{sequence}",
            "The last change-feed sequence applied to this replica's index.");
    }

    public void SearchCompleted(string kind, double elapsedMs, long total) =>
        _searchDuration.Record(elapsedMs, Tag("kind", kind), Tag("found", total > 0));

    public void SearchEventDropped() => _eventsDropped.Add(1);

    public void IndexerStep(string step, double elapsedMs, int events)
    {
        var tag = Tag("step", step);
        _indexerStep.Record(elapsedMs, tag);
        _indexerEvents.Add(events, tag);
    }
}
