using System.Diagnostics.Metrics;

namespace RomApi.ResourceService.Telemetry;

/// <summary>The service's own meter, "RomApi.ResourceService" (exported by the service defaults).</summary>
public sealed class ResourceServiceMetrics
{
    public const string MeterName = "RomApi.ResourceService";

    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _ingested;
    private readonly Counter<long> _changes;
    private readonly Counter<long> _viewsDropped;

    public ResourceServiceMetrics(IMeterFactory meterFactory, ResourceCounts counts)
    {
        var meter = meterFactory.Create(MeterName);
        _cacheHits = meter.CreateCounter<long>("romapi.cache.hits", unit: "{lookup}", description: "Redis cache hits, by cache.");
        _cacheMisses = meter.CreateCounter<long>("romapi.cache.misses", unit: "{lookup}", description: "Redis cache misses, by cache.");
        _ingested = meter.CreateCounter<long>("romapi.ingest.items", unit: "{item}", description: "Bulk-ingest items, by outcome.");
        _changes = meter.CreateCounter<long>("romapi.changes.written", unit: "{change}", description: "Change-feed events written, by type.");
        _viewsDropped = meter.CreateCounter<long>("romapi.views.dropped", unit: "{event}",
            description: "VIEW events not sent to analytics because more reads waited for one send than the queue holds.");
        meter.CreateObservableGauge("api_resources_total", counts.Observe,
            unit: "{resource}", description: "API resources not deleted, by status, plan and type.");
    }


    public void CacheLookup(string cache, bool hit) =>
        (hit ? _cacheHits : _cacheMisses).Add(1, new KeyValuePair<string, object?>("cache", cache));

    public void Ingested(int count, string outcome) =>
        _ingested.Add(count, new KeyValuePair<string, object?>("outcome", outcome));

    public void ChangesWritten(int count, string type) =>
        _changes.Add(count, new KeyValuePair<string, object?>("type", type));

    public void ViewDropped() => _viewsDropped.Add(1);
}
