using System.Diagnostics.Metrics;
using RomApi.SearchService.Indexing;

namespace RomApi.SearchService.Telemetry;

/// <summary>The service's own meter, "RomApi.SearchService" (exported by the service defaults): search latency and index lag.</summary>
public sealed class SearchServiceMetrics
{
    public const string MeterName = "RomApi.SearchService";

    private readonly Histogram<double> _searchDuration;
    private readonly Counter<long> _eventsDropped;
    private readonly Histogram<double> _indexerStep;
    private readonly Counter<long> _indexerEvents;

    public SearchServiceMetrics(IMeterFactory meterFactory, IndexerState indexer)
    {
        var meter = meterFactory.Create(MeterName);
        _searchDuration = meter.CreateHistogram<double>(
            "romapi.search.duration", unit: "ms", description: "Time spent in the index per search, by kind and whether it found anything.");
        _eventsDropped = meter.CreateCounter<long>("romapi.search.events.dropped", unit: "{event}",
            description: "SEARCH events not sent to analytics because more searches waited for one send than the queue holds.");
        _indexerStep = meter.CreateHistogram<double>("romapi.search.indexer.step.duration", unit: "ms",
            description: "Time per change-feed page in each indexer step: read (feed request and parsing) or apply (index write and refresh).");
        _indexerEvents = meter.CreateCounter<long>("romapi.search.indexer.events", unit: "{event}",
            description: "Change-feed events through each indexer step (read, apply); with the step durations, where indexing time goes.");
        meter.CreateObservableGauge("romapi.search.index.lag", () => indexer.Lag.TotalSeconds, unit: "s",
            description: "How long this replica's index has been behind the change feed (0 when caught up).");
        meter.CreateObservableGauge("romapi.search.index.behind", () => indexer.EventsBehind, unit: "{event}",
            description: "Change-feed events announced but not yet applied to this replica's index.");
        meter.CreateObservableGauge("romapi.search.index.position", () => indexer.Position, unit: "{sequence}",
            description: "The last change-feed sequence applied to this replica's index.");
    }

    public void SearchCompleted(string kind, double elapsedMs, long total) =>
        _searchDuration.Record(elapsedMs, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("found", total > 0));

    public void SearchEventDropped() => _eventsDropped.Add(1);

    public void IndexerStep(string step, double elapsedMs, int events)
    {
        var tag = new KeyValuePair<string, object?>("step", step);
        _indexerStep.Record(elapsedMs, tag);
        _indexerEvents.Add(events, tag);
    }
}
