using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>Healthy while this replica's index is open; reports its folder and document count.</summary>
public sealed class LuceneIndexHealthCheck(LuceneSearchIndex index) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!index.IsOpen)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The Lucene index is not open."));
        }
        try
        {
            return Task.FromResult(HealthCheckResult.Healthy("The Lucene index is open.", new Dictionary<string, object>
            {
                ["engine"] = "Lucene",
                ["directory"] = index.DirectoryPath,
                ["documents"] = index.DocumentCount(),
            }));
        }
        catch (SearchUnavailableException exception)
        {
            // Closed between the two reads: the host is stopping.
            return Task.FromResult(HealthCheckResult.Unhealthy(exception.Message));
        }
    }
}
