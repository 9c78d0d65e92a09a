using System.Diagnostics.Metrics;
using RomApi.AnalyticsService.EventWriting;

namespace RomApi.AnalyticsService.Telemetry;

/// <summary>The service's own meter, "RomApi.AnalyticsService" (exported by the service defaults, /metrics included).</summary>
public sealed class AnalyticsServiceMetrics
{
    public const string MeterName = "RomApi.AnalyticsService";

    private readonly Counter<long> _topListsServed;
    private readonly Counter<long> _eventsAccepted;
    private readonly Counter<long> _eventsRejected;
    private readonly Counter<long> _eventsIngested;
    private readonly Counter<long> _eventsDuplicate;
    private readonly Counter<long> _viewsRepeated;
    private readonly Counter<long> _eventsLost;
    private readonly Counter<long> _bufferFull;
    private readonly Counter<long> _writeFailures;
    private readonly Histogram<double> _writeDuration;
    private readonly Histogram<int> _batchSize;

    public AnalyticsServiceMetrics(IMeterFactory meterFactory, EventBuffer buffer)
    {
        var meter = meterFactory.Create(MeterName);
        _topListsServed = meter.CreateCounter<long>(
            "romapi.analytics.top_lists.served", unit: "{request}", description: "Top-resource lists served, by event type.");
        _eventsAccepted = meter.CreateCounter<long>(
            "romapi.analytics.events.accepted", unit: "{event}", description: "Events accepted into the buffer, by source.");
        _eventsRejected = meter.CreateCounter<long>(
            "romapi.analytics.events.rejected", unit: "{event}", description: "Events refused with a per-event error, by code.");
        _eventsIngested = meter.CreateCounter<long>(
            "romapi.analytics.events.ingested", unit: "{event}", description: "Events committed to the database, by event type.");
        _eventsDuplicate = meter.CreateCounter<long>(
            "romapi.analytics.events.duplicate", unit: "{event}", description: "Retried events (client id already stored) skipped.");
        _viewsRepeated = meter.CreateCounter<long>(
            "romapi.analytics.views.repeated", unit: "{event}", description: "VIEWs skipped: their client's view of the resource in the view window was already counted.");
        _eventsLost = meter.CreateCounter<long>(
            "romapi.analytics.events.lost", unit: "{event}", description: "Accepted events that could not be written, by reason (should stay 0).");
        _bufferFull = meter.CreateCounter<long>(
            "romapi.analytics.buffer.full", unit: "{request}", description: "Requests answered 503 because the buffer was full.");
        _writeFailures = meter.CreateCounter<long>(
            "romapi.analytics.write.failures", unit: "{attempt}", description: "Failed write attempts (retried).");
        _writeDuration = meter.CreateHistogram<double>(
            "romapi.analytics.write.duration", unit: "s", description: "Time to write one batch (COPY, idempotency, rollup, commit).");
        _batchSize = meter.CreateHistogram<int>(
            "romapi.analytics.write.batch_size", unit: "{event}", description: "Events per write transaction.");
        meter.CreateObservableGauge(
            "romapi.analytics.buffer.depth", () => buffer.Depth, unit: "{event}", description: "Events accepted and not yet written.");
        meter.CreateObservableGauge(
            "romapi.analytics.buffer.capacity", () => buffer.Capacity, unit: "{event}", description: "Events the buffer holds at most.");
    }

    public void TopListServed(string eventType) =>
        _topListsServed.Add(1, new KeyValuePair<string, object?>("event_type", eventType));

    public void Accepted(int count, string source) =>
        _eventsAccepted.Add(count, new KeyValuePair<string, object?>("source", source));

    public void Rejected(string code) =>
        _eventsRejected.Add(1, new KeyValuePair<string, object?>("code", code));

    public void BufferFull() => _bufferFull.Add(1);

    public void WriteFailed() => _writeFailures.Add(1);

    public void EventsLost(long count, string reason) =>
        _eventsLost.Add(count, new KeyValuePair<string, object?>("reason", reason));

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
            _eventsIngested.Add(group.Count(), new KeyValuePair<string, object?>("event_type", group.Key));
        }
    }
}
