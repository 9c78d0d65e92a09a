namespace RomApi.SearchService.SearchIndex;

/// <summary>
/// The search engine of this replica, whichever one the "search" connection string names (embedded Lucene or Elasticsearch).
/// It stores the change-feed position it has applied together with the documents, so a restart resumes where it stopped.
/// </summary>
public interface ISearchIndex
{
    Task<SearchIndexPage> SearchAsync(SearchIndexQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<SuggestionHit>> SuggestAsync(string prefix, int limit, CancellationToken cancellationToken);

    /// <summary>The last change-feed sequence applied to the live index (0 when empty).</summary>
    Task<long> ReadPositionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies upserts and removals, then records <paramref name="position"/>; idempotent. Visible to searches on return, unless
    /// <paramref name="moreToCome"/> says the caller is about to apply more (a bulk load): then the engine may wait for a later
    /// batch to make them visible, within a fraction of a second, and spends its time indexing instead of refreshing.
    /// </summary>
    Task ApplyAsync(IReadOnlyList<IndexOperation> operations, long position, bool moreToCome, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>Starts an empty index next to the live one; searches keep using the live index until the build is swapped in.</summary>
    Task<IIndexBuild> BeginRebuildAsync(CancellationToken cancellationToken);
}

/// <summary>A new index being filled from sequence 0; <see cref="SwapInAsync"/> makes it the live index in one step.</summary>
public interface IIndexBuild : IAsyncDisposable
{
    /// <summary>Adds to the build; nothing searches it before <see cref="SwapInAsync"/>, which makes it all visible.</summary>
    Task ApplyAsync(IReadOnlyList<IndexOperation> operations, long position, CancellationToken cancellationToken);

    Task SwapInAsync(CancellationToken cancellationToken);
}

/// <summary>The configured engine cannot answer; callers answer 503.</summary>
public sealed class SearchUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
