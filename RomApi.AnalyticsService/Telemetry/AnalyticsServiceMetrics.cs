using System.Diagnostics.Metrics;

namespace RomApi.AnalyticsService.Telemetry;

/// <summary>The service's own meter, "RomApi.AnalyticsService" (exported by the service defaults).</summary>
public sealed class AnalyticsServiceMetrics
{
    public const string MeterName = "RomApi.AnalyticsService";

    private readonly Counter<long> _topListsServed;

    public AnalyticsServiceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _topListsServed = meter.CreateCounter<long>(
            "romapi.analytics.top_lists.served", unit: "{request}", description: "Top-resource lists served, by event type.");
    }

    public void TopListServed(string eventType) =>
        _topListsServed.Add(1, new KeyValuePair<string, object?>("event_type", eventType));
}
