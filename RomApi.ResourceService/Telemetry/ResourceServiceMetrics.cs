using System.Diagnostics.Metrics;

namespace RomApi.ResourceService.Telemetry;

/// <summary>The service's own meter, "RomApi.ResourceService" (exported by the service defaults).</summary>
public sealed class ResourceServiceMetrics
{
    public const string MeterName = "RomApi.ResourceService";

    private readonly Counter<long> _resourcesServed;

    public ResourceServiceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _resourcesServed = meter.CreateCounter<long>(
            "romapi.resources.served", unit: "{resource}", description: "API resources returned to callers, by endpoint.");
    }

    public void ResourcesServed(int count, string endpoint) =>
        _resourcesServed.Add(count, new KeyValuePair<string, object?>("endpoint", endpoint));
}
