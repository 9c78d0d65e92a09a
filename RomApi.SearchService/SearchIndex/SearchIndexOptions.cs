namespace RomApi.SearchService.SearchIndex;

/// <summary>Where the index lives, from ConnectionStrings:search: "Engine=Lucene;Directory=/folder" or an Elasticsearch URL.</summary>
public sealed class SearchIndexOptions
{
    public const string ConnectionName = "search";

    public SearchEngineKind Engine { get; set; }

    /// <summary>This replica's own Lucene folder: the configured folder plus the service instance id.</summary>
    public string LuceneDirectory { get; set; } = "";

    /// <summary>Elasticsearch base address; may carry user:password, so it is never logged.</summary>
    public Uri? ElasticsearchUri { get; set; }

    /// <summary>How many of a query's words must match, in Elasticsearch's minimum_should_match syntax (see MinimumShouldMatch).</summary>
    public string MinimumShouldMatch { get; set; } = Planning.MinimumShouldMatch.DefaultSpec;
}

public enum SearchEngineKind { Lucene, Elasticsearch }
