using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RomApi.SearchService.Indexing;

/// <summary>
/// "search-index": healthy while the engine answers and the index follows the change feed; reports documents and lag.
/// Degraded (still serving) when the feed is unreachable or the lag passes Indexer:MaxHealthyLag.
/// </summary>
public sealed class SearchIndexHealthCheck(ISearchIndex index, IndexerState state, IOptions<IndexerOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["position"] = state.Position,
            ["eventsBehind"] = state.EventsBehind,
            ["lagSeconds"] = Math.Round(state.Lag.TotalSeconds, 3),
            ["rebuilding"] = state.Rebuild.Running,
        };
        try
        {
            data["documents"] = await index.CountAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is SearchUnavailableException or HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("The search index does not answer.", exception, data);
        }
        if (state.LastError is { } error)
        {
            data["lastError"] = error;
            return HealthCheckResult.Degraded("The change feed cannot be read; the index serves what it has.", data: data);
        }
        return state.Lag > options.Value.MaxHealthyLag
            ? HealthCheckResult.Degraded("The index lags behind the change feed.", data: data)
            : HealthCheckResult.Healthy("The index follows the change feed.", data);
    }
}
