using System.Diagnostics.Metrics;

namespace RomApi.ResourceService.Telemetry;

/// <summary>The service's own meter, "RomApi.ResourceService".</summary>
public sealed class ResourceServiceMetrics : ServiceMeter
{
    public const string MeterName = "RomApi.ResourceService";

    private readonly Counter<long> _cacheHits, _cacheMisses, _ingested, _changes, _viewsDropped;

    public ResourceServiceMetrics(IMeterFactory meterFactory, ResourceCounts counts) : base(meterFactory, MeterName)
    {
        _cacheHits = Counter("romapi.cache.hits", "{lookup}", "Redis cache hits, by cache.");
        _cacheMisses = Counter("romapi.cache.misses", "{lookup}", "Redis cache misses, by cache.");
        _ingested = Counter("romapi.ingest.items", "{item}", "Bulk-ingest items, by outcome.");
        _changes = Counter("romapi.changes.written", "{change}", "Change-feed events written, by type.");
        _viewsDropped = Counter("romapi.views.dropped", "{event}",
            "VIEW events not sent to analytics because more reads waited for one send than the queue holds.");
        Meter.CreateObservableGauge("api_resources_total", counts.Observe,
            unit: "{resource}", description: "API resources not deleted, by status, plan and type.");
    }

    public void CacheLookup(string cache, bool hit) => (hit ? _cacheHits : _cacheMisses).Add(1, Tag("cache", cache));

    public void Ingested(int count, string outcome) => _ingested.Add(count, Tag("outcome", outcome));

    public void ChangesWritten(int count, string type) => _changes.Add(count, Tag("type", type));

    public void ViewDropped() => _viewsDropped.Add(1);
}
