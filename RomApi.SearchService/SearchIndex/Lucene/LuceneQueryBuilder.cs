using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>
/// Builds Lucene queries from a <see cref="QueryPlan"/>, never from query syntax: quotes, brackets, '*' or ':' are plain characters
/// and can never make a parser fail. Each word may match any full-text field (name above category above description, BM25 in each);
/// a resource needs the plan's required number of words; neighbouring words close together earn a bonus; a word the index
/// (almost) never holds also matches with typos, at a fixed low score that exact and stemmed matches outrank.
/// </summary>
public static class LuceneQueryBuilder
{
    /// <summary>Typo matches of a word count this fraction of the field's weight, times their similarity, whatever the term's rarity.</summary>
    public const float FuzzyWeight = 0.3f;

    /// <summary>A word held by fewer documents than this (all full-text fields together) also matches with typos.</summary>
    public const int FuzzyBelowDocumentFrequency = 3;

    public const int ProximitySlop = 3;
    public const int FuzzyExpansions = 50;

    /// <summary>Fields that earn the bonus for neighbouring words, with their weights.</summary>
    public static readonly IReadOnlyList<(string Field, float Boost)> ProximityFields = [(IndexFields.NameText, 2f), (IndexFields.DescriptionText, 1f)];

    /// <summary>
    /// Added to the score of a relaxed query's resources that hold enough words for the strict query: far above any text score
    /// (which stays the order within each tier), so they come before those holding fewer words.
    /// </summary>
    public const float StrictTierBonus = 100f;

    /// <summary>Resources of the category a query names score this much more than those that only hold its words.</summary>
    public const float CategoryBonus = 50f;

    /// <summary>
    /// Another phrase naming the query's category ("salon de coiffure" for "coiffeur") in a resource's name counts this fraction
    /// of the name's weight: the words as typed count more.
    /// </summary>
    public const float CategoryPhraseWeight = 0.5f;

    /// <summary>Words of a phrase (stop words left out: "hotel de ville", "salon de coiffure") may have this many other words between them.</summary>
    public const int FixedExpressionSlop = 2;

    public static Query Build(QueryPlan plan, SearchIndexQuery request, ReaderCache reader)
    {
        Query query = plan.MatchesEverything ? new MatchAllDocsQuery() : TextQuery(plan, reader);
        var filters = new BooleanQuery();
        if (plan.Place is { } place)
        {
            // The where is a filter: resources in the place, or naming it ("Hotel Garoua" elsewhere); those naming it score more.
            var stems = place.Words.Select(word => word.Stem).ToArray();
            filters.Add(new ConstantScoreQuery(reader.Filter($"place\n{string.Join(' ', place.Place.CityKeys)}\n{string.Join(' ', place.Place.RegionKeys)}\n{string.Join(' ', stems)}",
                () => new QueryWrapperFilter(PlaceScope(place)))), Occur.MUST);
            var naming = new BooleanQuery(disableCoord: true) { { query, Occur.MUST } };
            naming.AddShould(PhraseIfPresent(IndexFields.NameText, stems, FixedExpressionSlop, IndexFields.FullText[0].Boost, reader));
            query = naming;
        }
        RequestFilters.AddTo(filters, request);
        // Filters narrow the result without touching the score.
        return filters.Clauses.Count == 0 ? query : new FilteredQuery(query, new QueryWrapperFilter(filters));
    }

    private static BooleanQuery TextQuery(QueryPlan plan, ReaderCache reader)
    {
        var query = new BooleanQuery(disableCoord: true) { { Words(plan, plan.Required, reader), Occur.MUST } };
        if (plan.RankFirstWith is { } enough)
        {
            query.Add(new ConstantScoreQuery(Words(plan, enough, reader)) { Boost = StrictTierBonus }, Occur.SHOULD);
        }
        foreach (var (first, second) in plan.Pairs)
        {
            foreach (var (field, boost) in ProximityFields)
            {
                // Both orders within the slop count ("ecole primaire", "primaire de l'ecole").
                query.AddShould(PhraseIfPresent(field, [first.Stem, second.Stem], ProximitySlop, boost, reader));
            }
        }
        return query;
    }

    private static BooleanQuery Words(QueryPlan plan, int required, ReaderCache reader)
    {
        var words = new BooleanQuery(disableCoord: true) { MinimumNumberShouldMatch = required };
        foreach (var word in plan.FreeWords)
        {
            words.Add(WordQuery(word, reader), Occur.SHOULD);
        }
        if (plan.Category is { } category)
        {
            words.Add(CategoryUnit(category, reader), Occur.SHOULD);
        }
        return words;
    }

    /// <summary>
    /// The words naming a category, as one unit: a resource of the category satisfies it (with <see cref="CategoryBonus"/>); any
    /// other resource needs all its words, or another phrase naming the category in its name, and not only inside a longer
    /// fixed expression of another category ("hôtel de ville" does not make a town hall a hotel).
    /// </summary>
    private static BooleanQuery CategoryUnit(CategorySense category, ReaderCache reader)
    {
        var unit = new BooleanQuery(disableCoord: true);
        var entry = category.Category;
        if (entry.IndexNames.Count > 0)
        {
            var names = entry.IndexNames.ToArray();
            unit.Add(new ConstantScoreQuery(reader.Filter("category\n" + string.Join('\n', names), () => new CategoryFilter(reader.Columns, names.ToHashSet(StringComparer.Ordinal))))
            {
                Boost = CategoryBonus,
            }, Occur.SHOULD);
        }
        var allWords = new BooleanQuery(disableCoord: true);
        foreach (var word in category.Words)
        {
            allWords.Add(WordQuery(word, reader), Occur.MUST);
        }
        var text = new BooleanQuery(disableCoord: true) { { allWords, Occur.SHOULD } };
        var typed = QueryVocabulary.Key(category.Words.Select(word => word.Stem));
        foreach (var phrase in entry.Phrases.Where(phrase => QueryVocabulary.Key(phrase) != typed))
        {
            text.AddShould(PhraseIfPresent(IndexFields.NameText, phrase, FixedExpressionSlop, IndexFields.FullText[0].Boost * CategoryPhraseWeight, reader));
        }
        var mention = new BooleanQuery(disableCoord: true) { { text, Occur.MUST } };
        if (entry.FixedExpressions.Count > 0)
        {
            // Keyed by the expressions, not the label: the words naming one category ("école", "institut") share its label but
            // each has fixed expressions of its own.
            var key = "fixed\n" + string.Join('\n', entry.FixedExpressions.Select(QueryVocabulary.Key));
            mention.Add(new ConstantScoreQuery(reader.Filter(key, () => FixedExpressions(entry))), Occur.MUST_NOT);
        }
        unit.Add(mention, Occur.SHOULD);
        return unit;
    }

    /// <summary>Resources holding one of the category's fixed expressions of other categories in any full-text field.</summary>
    private static QueryWrapperFilter FixedExpressions(CategoryEntry category)
    {
        var any = new BooleanQuery(disableCoord: true);
        foreach (var expression in category.FixedExpressions)
        {
            foreach (var (field, _) in IndexFields.FullText)
            {
                any.Add(Phrase(field, expression, FixedExpressionSlop, 1f), Occur.SHOULD);
            }
        }
        return new QueryWrapperFilter(any);
    }

    /// <summary>Resources in one of the place's cities or regions, or holding its words together in their name.</summary>
    private static BooleanQuery PlaceScope(PlaceSense place)
    {
        var scope = new BooleanQuery(disableCoord: true);
        if (place.Place.CityKeys.Count > 0)
        {
            scope.Add(new ConstantScoreQuery(new TermsFilter(place.Place.CityKeys.Select(key => new Term(IndexFields.CityKey, key)).ToList())), Occur.SHOULD);
        }
        if (place.Place.RegionKeys.Count > 0)
        {
            scope.Add(new ConstantScoreQuery(new TermsFilter(place.Place.RegionKeys.Select(key => new Term(IndexFields.RegionKey, key)).ToList())), Occur.SHOULD);
        }
        scope.Add(Phrase(IndexFields.NameText, place.Words.Select(word => word.Stem).ToArray(), FixedExpressionSlop, 1f), Occur.SHOULD);
        return scope;
    }

    /// <summary>
    /// <see cref="Phrase"/> for one query on this reader, left out when it matches nothing there (a word the field does not hold,
    /// or words never that close, <see cref="ReaderCache.Holds"/>): a phrase query looks up its terms again in every segment on every
    /// query (the costliest part of a search naming a category with many phrases), and leaving out a clause that matches nothing
    /// keeps every score as it was, since BM25 has neither a query norm nor a coord.
    /// Null then. Never for a filter kept across readers (<see cref="ReaderCache.Filter"/>): a later document may hold the word.
    /// </summary>
    private static Query? PhraseIfPresent(string field, string[] stems, int slop, float boost, ReaderCache reader)
    {
        var terms = Array.ConvertAll(stems, stem => new Term(field, stem));
        if (Array.Exists(terms, term => reader.DocFreq(term) == 0))
        {
            return null;
        }
        if (terms.Length == 1)
        {
            return reader.TermQuery(terms[0], boost);
        }
        var phrase = Phrase(terms, slop, boost);
        return reader.Holds(phrase) ? phrase : null;
    }

    private static void AddShould(this BooleanQuery query, Query? clause)
    {
        if (clause is not null)
        {
            query.Add(clause, Occur.SHOULD);
        }
    }

    /// <summary>A term query for one word, a phrase query for several.</summary>
    private static Query Phrase(string field, string[] stems, int slop, float boost)
    {
        if (stems.Length == 1)
        {
            return new TermQuery(new Term(field, stems[0])) { Boost = boost };
        }
        return Phrase(Array.ConvertAll(stems, stem => new Term(field, stem)), slop, boost);
    }

    private static PhraseQuery Phrase(Term[] terms, int slop, float boost)
    {
        var phrase = new PhraseQuery();
        foreach (var term in terms)
        {
            phrase.Add(term);
        }
        return phrase.WithSlop(slop, boost);
    }

    /// <summary>
    /// Typo tolerance only for words the index (almost) does not know: a known word is taken as typed, which keeps common
    /// queries from expanding into dozens of fuzzy terms (the costly part of a search) and keeps exact matches on top.
    /// </summary>
    private static BooleanQuery WordQuery(QueryWord word, ReaderCache reader)
    {
        var anyField = new BooleanQuery(disableCoord: true);
        var maxEdits = QueryPlan.MaxEdits(word);
        var fuzzy = maxEdits > 0 && IndexFields.FullText.Sum(f => reader.DocFreq(new Term(f.Field, word.Stem))) < FuzzyBelowDocumentFrequency;
        foreach (var (field, boost) in IndexFields.FullText)
        {
            // A field without the word adds nothing but the work of a weight (as for PhraseIfPresent).
            var term = new Term(field, word.Stem);
            if (reader.DocFreq(term) > 0)
            {
                anyField.Add(reader.TermQuery(term, boost), Occur.SHOULD);
            }
        }
        if (fuzzy)
        {
            foreach (var (field, boost) in IndexFields.Typos)
            {
                anyField.Add(reader.Expanded(new FuzzyQuery(new Term(field, word.Folded), maxEdits, prefixLength: 1, FuzzyExpansions, transpositions: true)
                {
                    // Each expanded term scores its similarity times the boost, not its rarity: a rare misspelling in the
                    // index ("pharmaciy") must not outrank the common word the user meant ("pharmacie").
                    MultiTermRewriteMethod = new MultiTermQuery.TopTermsBoostOnlyBooleanQueryRewrite(FuzzyExpansions),
                    Boost = boost * FuzzyWeight,
                }), Occur.SHOULD);
            }
        }
        return anyField;
    }

    private static PhraseQuery WithSlop(this PhraseQuery query, int slop, float boost)
    {
        query.Slop = slop;
        query.Boost = boost;
        return query;
    }
}
