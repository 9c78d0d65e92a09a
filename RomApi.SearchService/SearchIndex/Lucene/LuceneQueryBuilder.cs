using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using RomApi.SearchService.Analysis;
using RomApi.SearchService.Geo;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>
/// Builds Lucene queries from user input without any query syntax: text is only analysed into words, so quotes,
/// brackets, '*' or ':' are plain characters and can never make a parser fail. Every word must match some full-text
/// field (name above category above description); words of 5 letters or more also match with typos.
/// </summary>
public static class LuceneQueryBuilder
{
    public const int MaxWords = 32;
    public const int FuzzyMinLength = 5;
    private const float FuzzyWeight = 0.4f;

    /// <summary>Null when the text holds no searchable word (only punctuation): nothing can match.</summary>
    public static Query? Build(SearchIndexQuery request, Analyzer textAnalyzer, IndexReader reader)
    {
        var query = new BooleanQuery();
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            query.Add(new MatchAllDocsQuery(), Occur.MUST);
        }
        else
        {
            var words = Analyze(request.Text, textAnalyzer, IndexFields.NameText);
            if (words.Count == 0)
            {
                return null;
            }
            foreach (var (word, originalLength) in words)
            {
                query.Add(WordQuery(word, originalLength, reader), Occur.MUST);
            }
        }
        var filters = new BooleanQuery();
        AddFilters(filters, request);
        // Filters narrow the result without touching the score.
        return filters.Clauses.Count == 0 ? query : new FilteredQuery(query, new QueryWrapperFilter(filters));
    }

    /// <summary>Suggestions: every word but the last as typed (folded), the last as a prefix; names starting with the text rank first.</summary>
    public static Query? BuildSuggest(string prefix, Analyzer foldingAnalyzer)
    {
        var words = Analyze(prefix, foldingAnalyzer, IndexFields.SuggestWords);
        if (words.Count == 0)
        {
            return null;
        }
        var query = new BooleanQuery();
        for (var i = 0; i < words.Count - 1; i++)
        {
            query.Add(new TermQuery(new Term(IndexFields.SuggestWords, words[i].Word)), Occur.MUST);
        }
        query.Add(new PrefixQuery(new Term(IndexFields.SuggestWords, words[^1].Word)), Occur.MUST);
        query.Add(new PrefixQuery(new Term(IndexFields.NameKey, TextFolding.Fold(prefix))) { Boost = 4 }, Occur.SHOULD);
        return query;
    }

    /// <summary>
    /// Typo tolerance only for words the index does not know: a known word is taken as typed, which keeps common
    /// queries from expanding into hundreds of fuzzy terms (the costly part of a search).
    /// </summary>
    private static BooleanQuery WordQuery(string word, int originalLength, IndexReader reader)
    {
        var anyField = new BooleanQuery();
        var fuzzy = originalLength >= FuzzyMinLength && !IndexFields.FullText.Any(f => reader.DocFreq(new Term(f.Field, word)) > 0);
        foreach (var (field, boost) in IndexFields.FullText)
        {
            anyField.Add(new TermQuery(new Term(field, word)) { Boost = boost }, Occur.SHOULD);
            if (fuzzy)
            {
                var maxEdits = originalLength >= 8 ? 2 : 1;
                anyField.Add(new FuzzyQuery(new Term(field, word), maxEdits, prefixLength: 1) { Boost = boost * FuzzyWeight }, Occur.SHOULD);
            }
        }
        return anyField;
    }

    private static void AddFilters(BooleanQuery query, SearchIndexQuery request)
    {
        AddTerm(query, IndexFields.CategoryId, request.CategoryId?.ToString());
        AddAnyTerm(query, IndexFields.CategorySlug, request.CategorySlugs);
        AddTerm(query, IndexFields.CityKey, request.City is null ? null : TextFolding.Fold(request.City));
        AddTerm(query, IndexFields.RegionKey, request.Region is null ? null : TextFolding.Fold(request.Region));
        AddTerm(query, IndexFields.ResourceType, request.ResourceType);
        AddTerm(query, IndexFields.Verified, request.Verified is { } verified ? (verified ? "true" : "false") : null);
        AddTerm(query, IndexFields.Plan, request.Plan);
        // The bounding box only pays when nothing else narrows the search: with words, their matches are fewer than
        // the box's, and the collector's exact distance check on doc values is cheaper than intersecting numeric ranges.
        if (request.Geo is { RadiusKm: { } radiusKm } geo && string.IsNullOrWhiteSpace(request.Text))
        {
            var (minLat, maxLat, minLon, maxLon) = Haversine.BoundingBox(geo.Latitude, geo.Longitude, radiusKm);
            query.Add(NumericRangeQuery.NewDoubleRange(IndexFields.Latitude, minLat, maxLat, true, true), Occur.MUST);
            // Without longitude bounds (pole or antimeridian) any longitude qualifies; the exact distance check still runs.
            query.Add(NumericRangeQuery.NewDoubleRange(IndexFields.Longitude, minLon ?? -180, maxLon ?? 180, true, true), Occur.MUST);
        }
    }

    private static void AddTerm(BooleanQuery query, string field, string? value)
    {
        if (value is not null)
        {
            query.Add(new TermQuery(new Term(field, value)), Occur.MUST);
        }
    }

    private static void AddAnyTerm(BooleanQuery query, string field, IReadOnlyList<string>? values)
    {
        if (values is { Count: > 0 })
        {
            // A terms filter, not a BooleanQuery of terms: a large sub-tree cannot hit the 1024-clause limit.
            query.Add(new ConstantScoreQuery(new TermsFilter(values.Select(value => new Term(field, value)).ToList())), Occur.MUST);
        }
    }

    private static List<(string Word, int OriginalLength)> Analyze(string text, Analyzer analyzer, string field)
    {
        var words = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offsets = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && words.Count < MaxWords)
        {
            var word = term.ToString();
            if (!words.Exists(existing => existing.Item1 == word))
            {
                words.Add((word, offsets.EndOffset - offsets.StartOffset));
            }
        }
        stream.End();
        return words;
    }
}
