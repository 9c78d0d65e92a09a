using System.Diagnostics.Metrics;
using RomApi.Platform.Telemetry;

namespace RomApi.AnalyticsService.Telemetry;

/// <summary>The service's own meter, "RomApi.AnalyticsService".</summary>
public sealed class AnalyticsServiceMetrics : ServiceMeter
{
    public const string MeterName = "RomApi.AnalyticsService";

    private readonly Counter<long> _topListsServed, _eventsAccepted, _eventsRejected, _eventsIngested, _eventsDuplicate,
        _viewsRepeated, _eventsLost, _bufferFull, _writeFailures;
    private readonly Histogram<double> _writeDuration;
    private readonly Histogram<int> _batchSize;

    public AnalyticsServiceMetrics(IMeterFactory meterFactory, EventBuffer buffer) : base(meterFactory, MeterName)
    {
        _topListsServed = Counter("romapi.analytics.top_lists.served", "{request}",
            "Top-resource lists served, by event type.");
        _eventsAccepted = Counter("romapi.analytics.events.accepted", "{event}",
            "Events accepted into the buffer, by source.");
        _eventsRejected = Counter("romapi.analytics.events.rejected", "{event}",
            "Events refused with a per-event error, by code.");
        _eventsIngested = Counter("romapi.analytics.events.ingested", "{event}",
            "Events committed to the database, by event type.");
        _eventsDuplicate = Counter("romapi.analytics.events.duplicate", "{event}",
            "Retried events (client id already stored) skipped.");
        _viewsRepeated = Counter("romapi.analytics.views.repeated", "{event}",
            "VIEWs skipped: their client's view of the resource in the view window was already counted.");
        _eventsLost = Counter("romapi.analytics.events.lost", "{event}",
            "Accepted events that could not be written, by reason (should stay 0).");
        _bufferFull = Counter("romapi.analytics.buffer.full", "{request}",
            "Requests answered 503 because the buffer was full.");
        _writeFailures = Counter("romapi.analytics.write.failures", "{attempt}",
            "Failed write attempts (retried).");
        _writeDuration = Histogram<double>("romapi.analytics.write.duration", "s",
            "Time to write one batch (COPY, idempotency, rollup, commit).");
        _batchSize = Histogram<int>("romapi.analytics.write.batch_size", "{event}",
            "Events per write transaction.");
        Gauge("romapi.analytics.buffer.depth", () => buffer.Depth, "{event}",
            "Events accepted and not yet written.");
        Gauge("romapi.analytics.buffer.capacity", () => buffer.Capacity, "{event}",
            "Events the buffer holds at most.");
    }

    public void TopListServed(string eventType) =>
        _topListsServed.Add(1, Tag("event_type", eventType));

    public void Accepted(int count, string source) =>
        _eventsAccepted.Add(count, Tag("source", source));

    public void Rejected(string code) =>
        _eventsRejected.Add(1, Tag("code", code));

    public void BufferFull() => _bufferFull.Add(1);

    public void WriteFailed() => _writeFailures.Add(1);

    public void EventsLost(long count, string reason) =>
        _eventsLost.Add(count, Tag("reason", reason));

    public void BatchWritten(IReadOnlyList<PendingEvent> batch, WriteOutcome outcome, TimeSpan elapsed)
    {
        _writeDuration.Record(elapsed.TotalSeconds);
        _batchSize.Record(batch.Count);
        var duplicates = batch.Count - outcome.Stored - outcome.RepeatedViews;
        if (duplicates > 0)
        {
            _eventsDuplicate.Add(duplicates);
        }
        if (outcome.RepeatedViews > 0)
        {
            _viewsRepeated.Add(outcome.RepeatedViews);
        }
        // Per type as sent; duplicates are few and counted apart above.
        foreach (var group in batch.GroupBy(e => e.EventType))
        {
            _eventsIngested.Add(group.Count(), Tag("event_type", group.Key));
        }
    }
}
