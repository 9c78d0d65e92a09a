namespace RomApi.SearchService.SearchIndex.Elasticsearch;

/// <summary>
/// Placeholder for the Elasticsearch engine: only its health check is wired so far,
/// so searches answer 503 rather than pretending an empty result.
/// </summary>
public sealed class ElasticsearchSearchIndex : ISearchIndex
{
    public Task<SearchIndexPage> SearchAsync(SearchIndexQuery query, CancellationToken cancellationToken) =>
        throw new SearchUnavailableException("Searching through Elasticsearch is not implemented yet; use the embedded Lucene engine.");
}
