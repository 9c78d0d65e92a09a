using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>Searchers that score with BM25 (Lucene 4.8's default is TF-IDF), as the index writer computes its norms.</summary>
internal sealed class Bm25SearcherFactory : SearcherFactory
{
    public static readonly BM25Similarity Similarity = new();

    public override IndexSearcher NewSearcher(IndexReader reader) => new Bm25Searcher(reader) { Similarity = Similarity };
}

/// <summary>
/// A searcher that keeps each field's collection statistics for its reader's life: Lucene computes them for every term and phrase
/// weight of every query, each time merging the fields of every segment anew, and they cannot change while the reader lives.
/// </summary>
internal sealed class Bm25Searcher(IndexReader reader) : IndexSearcher(reader)
{
    private readonly ConcurrentDictionary<string, CollectionStatistics> _statistics = new(StringComparer.Ordinal);

    public override CollectionStatistics CollectionStatistics(string field) =>
        _statistics.TryGetValue(field, out var statistics) ? statistics : _statistics.GetOrAdd(field, base.CollectionStatistics(field));
}
