using System.Diagnostics.Metrics;

namespace RomApi.SearchService.Telemetry;

/// <summary>The service's own meter, "RomApi.SearchService" (exported by the service defaults).</summary>
public sealed class SearchServiceMetrics
{
    public const string MeterName = "RomApi.SearchService";

    private readonly Histogram<double> _searchDuration;

    public SearchServiceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _searchDuration = meter.CreateHistogram<double>(
            "romapi.search.duration", unit: "ms", description: "Time spent in the index per search, by whether it found anything.");
    }

    public void SearchCompleted(double elapsedMs, long total) =>
        _searchDuration.Record(elapsedMs, new KeyValuePair<string, object?>("found", total > 0));
}
