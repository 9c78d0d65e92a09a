using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>
/// What queries compute from one index reader (one refresh of a generation) that never changes while that reader lives: where
/// each term sits in each segment with its statistics, the terms a typo-tolerant word expands to, and the answer to each search
/// asked again (as Solr's query result cache: the page, total and facets; a refresh brings a new reader and so a fresh cache).
/// Built by the first query that needs it and reused by the next ones.
/// </summary>
public sealed class ReaderCache(IndexReader reader, GenerationFilters filters, SegmentColumnCache columns)
{
    /// <summary>Entries kept per reader: past this, lookups are computed and not kept (distinct words, not a memory leak).</summary>
    public const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<Term, TermContext> _contexts = new();
    private readonly ConcurrentDictionary<MultiTermQuery, Query> _expansions = new();
    private readonly ConcurrentDictionary<(SearchIndexQuery Query, string? Slugs), SearchIndexPage> _pages = new();
    private readonly ConcurrentDictionary<PhraseQuery, bool> _phrases = new();

    // Entries added, counted here: a concurrent dictionary's Count takes every one of its locks.
    private int _contextCount, _expansionCount, _pageCount, _phraseCount;

    /// <summary>Answers kept per reader: past this, the kept answers are dropped and the cache fills again.</summary>
    public const int MaxPages = 2_048;

    public IndexReader Reader => reader;

    /// <summary>The generation's per-segment columns (facet ordinals, coordinates...).</summary>
    public SegmentColumnCache Columns => columns;

    /// <summary>The generation's filter under <paramref name="key"/>: its per-segment document set is computed once per segment.</summary>
    public Filter Filter(string key, Func<Filter> create) => filters.Get(key, create);

    /// <summary>In how many documents the term occurs (what <see cref="IndexReader.DocFreq"/> answers).</summary>
    public int DocFreq(Term term) => Context(term).DocFreq;

    /// <summary>A term query that reuses the term's cached lookups (the same scores as <c>new TermQuery(term)</c>).</summary>
    public TermQuery TermQuery(Term term, float boost = 1f) => new(term, Context(term)) { Boost = boost };

    /// <summary>The query's expansion into the reader's terms (what the searcher's rewrite would compute for it).</summary>
    public Query Expanded(MultiTermQuery query) =>
        _expansions.TryGetValue(query, out var expanded) ? expanded : Keep(_expansions, ref _expansionCount, query, CommonerFirst(query.Rewrite(reader)));

    /// <summary>
    /// A typo expansion's terms score their similarity (fewer edits first); among terms as similar, the commoner word comes first:
    /// each term's boost grows with its document frequency by at most this fraction, less than one edit's step in similarity.
    /// </summary>
    public const float CommonWordBonus = 0.03f;

    private Query CommonerFirst(Query expanded)
    {
        if (expanded is not BooleanQuery { Clauses.Count: > 1 } terms)
        {
            return expanded;
        }
        var frequencies = terms.Clauses.Select(clause => clause.Query is ConstantScoreQuery { Query: TermQuery term } ? DocFreq(term.Term) : 0).ToArray();
        var most = Math.Max(1, frequencies.Max());
        for (var i = 0; i < frequencies.Length; i++)
        {
            terms.Clauses[i].Query.Boost *= 1 + CommonWordBonus * frequencies[i] / most;
        }
        return terms;
    }

    /// <summary>The answer to <paramref name="query"/> on this reader: computed by <paramref name="search"/> the first time only.</summary>
    public SearchIndexPage Page(SearchIndexQuery query, Func<SearchIndexPage> search)
    {
        // The slugs are a list, which a record compares by reference: they join the key as text.
        var key = (query with { CategorySlugs = null }, query.CategorySlugs is { } slugs ? string.Join('\n', slugs) : null);
        if (_pages.TryGetValue(key, out var page))
        {
            return page;
        }
        page = search();
        if (Interlocked.Increment(ref _pageCount) > MaxPages)
        {
            // Full: start again rather than keep the first searches for the reader's whole life.
            _pages.Clear();
            Volatile.Write(ref _pageCount, 1);
        }
        return _pages.GetOrAdd(key, page);
    }

    /// <summary>
    /// Whether <paramref name="phrase"/> occurs in any document of this reader: found once per reader, so a query leaves out the
    /// phrases that match nothing (most of a category's other names), which Lucene would otherwise look up in every segment on
    /// every query.
    /// </summary>
    public bool Holds(PhraseQuery phrase) =>
        _phrases.TryGetValue(phrase, out var holds)
            ? holds
            : Keep(_phrases, ref _phraseCount, phrase, new IndexSearcher(reader).Search(phrase, 1).TotalHits > 0);

    private TermContext Context(Term term) =>
        _contexts.TryGetValue(term, out var context) ? context : Keep(_contexts, ref _contextCount, term, TermContext.Build(reader.Context, term));

    private static TValue Keep<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, ref int count, TKey key, TValue value) where TKey : notnull
    {
        if (Volatile.Read(ref count) >= MaxEntries)
        {
            return value;
        }
        if (cache.TryAdd(key, value))
        {
            Interlocked.Increment(ref count);
            return value;
        }
        return cache.TryGetValue(key, out var kept) ? kept : value;
    }
}

/// <summary>The <see cref="ReaderCache"/> of each live reader, dropped with the reader.</summary>
public sealed class ReaderCaches(SegmentColumnCache columns)
{
    private readonly ConditionalWeakTable<IndexReader, ReaderCache> _readers = new();
    private readonly GenerationFilters _filters = new();

    public ReaderCache For(IndexReader reader) => _readers.GetValue(reader, r => new ReaderCache(r, _filters, columns));
}

/// <summary>
/// Filters that a query plan names by key (a category's resources, the fixed expressions its words must not sit in, a place's
/// scope), kept for the generation's life: a segment outlives the readers that refresh around it, and each filter keeps its
/// document set per segment, so only a new segment computes it again.
/// </summary>
public sealed class GenerationFilters
{
    /// <summary>Filters kept: past this, a filter is built per query and not kept (distinct keys, not a memory leak).</summary>
    public const int MaxFilters = 1_024;

    private readonly ConcurrentDictionary<string, Filter> _filters = new(StringComparer.Ordinal);

    public Filter Get(string key, Func<Filter> create)
    {
        if (_filters.TryGetValue(key, out var filter))
        {
            return filter;
        }
        filter = new MaterializingFilter(create());
        return _filters.Count < MaxFilters ? _filters.GetOrAdd(key, filter) : filter;
    }
}

/// <summary>
/// Keeps each segment's documents as a bit set. Lucene's own cache keeps a doc-values filter as it is (it counts as cacheable),
/// and that one reads every document's value on every use.
/// </summary>
internal sealed class MaterializingFilter(Filter filter) : CachingWrapperFilter(filter)
{
    protected override DocIdSet DocIdSetToCache(DocIdSet docIdSet, AtomicReader reader)
    {
        var bits = new FixedBitSet(reader.MaxDoc);
        if (docIdSet?.GetIterator() is { } iterator)
        {
            bits.Or(iterator);
        }
        return bits;
    }
}
