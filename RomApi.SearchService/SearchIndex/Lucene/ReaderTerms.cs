using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>
/// What queries look up in one index reader (one refresh of a generation) and never changes while that reader lives: where each
/// term sits in each segment with its statistics, and the terms a typo-tolerant word expands to. Built by the first query that
/// needs it and reused by the next ones; a refresh brings a new reader and so a fresh cache. Without it every query sought
/// each of its terms in every segment twice (the typo check, then the query's weight) and walked the term dictionary for each
/// typo-tolerant word again.
/// </summary>
public sealed class ReaderTerms(IndexReader reader)
{
    /// <summary>Entries kept per reader: past this, lookups are computed and not kept (distinct words, not a memory leak).</summary>
    public const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<Term, TermContext> _contexts = new();
    private readonly ConcurrentDictionary<MultiTermQuery, Query> _expansions = new();

    public IndexReader Reader => reader;

    /// <summary>In how many documents the term occurs (what <see cref="IndexReader.DocFreq"/> answers).</summary>
    public int DocFreq(Term term) => Context(term).DocFreq;

    /// <summary>A term query that reuses the term's cached lookups (the same scores as <c>new TermQuery(term)</c>).</summary>
    public TermQuery TermQuery(Term term, float boost = 1f) => new(term, Context(term)) { Boost = boost };

    /// <summary>The query's expansion into the reader's terms (what the searcher's rewrite would compute for it).</summary>
    public Query Expanded(MultiTermQuery query) =>
        _expansions.TryGetValue(query, out var expanded) ? expanded : Keep(_expansions, query, query.Rewrite(reader));

    private TermContext Context(Term term) =>
        _contexts.TryGetValue(term, out var context) ? context : Keep(_contexts, term, TermContext.Build(reader.Context, term));

    private static TValue Keep<TKey, TValue>(ConcurrentDictionary<TKey, TValue> cache, TKey key, TValue value) where TKey : notnull =>
        cache.Count < MaxEntries ? cache.GetOrAdd(key, value) : value;
}

/// <summary>The <see cref="ReaderTerms"/> of each live reader, dropped with the reader.</summary>
public sealed class ReaderTermsCache
{
    private readonly ConditionalWeakTable<IndexReader, ReaderTerms> _readers = new();

    public ReaderTerms For(IndexReader reader) => _readers.GetValue(reader, static r => new ReaderTerms(r));
}
