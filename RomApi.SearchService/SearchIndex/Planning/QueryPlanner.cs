using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace RomApi.SearchService.SearchIndex.Planning;

/// <summary>
/// Turns query text into a <see cref="QueryPlan"/> with the index's own analysis (elision, case, accents, stemming). Both engines
/// build their queries from the plan, so they agree on which words count and how many must match. With a
/// <see cref="QueryVocabulary"/> it also reads the "where" and the category: the longest phrases of the query's words that name
/// a category (by stems) or a place (by folded words), left to right; a category wins a tie.
/// </summary>
public sealed class QueryPlanner(MinimumShouldMatch minimumShouldMatch) : IDisposable
{
    public const int MaxWords = 32;
    public const int OneEditFrom = 5;
    public const int TwoEditsFrom = 9;

    // Lucene analyzers keep their token streams per thread, so one planner serves concurrent searches.
    private readonly ResourceTextAnalyzer _stemming = new();
    private readonly QueryFoldingAnalyzer _folding = new();

    public QueryPlanner() : this(MinimumShouldMatch.Default)
    {
    }

    public MinimumShouldMatch MinimumShouldMatch => minimumShouldMatch;

    /// <summary>Null when the text has characters but no word (only punctuation): nothing can match.</summary>
    /// <param name="knownStem">
    /// Whether the index holds a stem: a word it does not hold, one typo from a one-word place it holds, is read as that place.
    /// </param>
    public QueryPlan? Plan(string text, QueryVocabulary? vocabulary = null, Func<string, bool>? knownStem = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return QueryPlan.Empty;
        }
        var all = Words(text);
        if (all.Count == 0)
        {
            return null;
        }
        var content = all.Where(w => !StopWords.Contains(w.Folded)).ToList();
        var plain = Build(Distinct(content.Count > 0 ? content : all));
        if (vocabulary is null || content.Count == 0)
        {
            return plain;
        }
        var (category, place) = Understand(content, vocabulary, knownStem);
        if (category is null && place is null)
        {
            return plain;
        }
        var what = Distinct(place is null ? content : content.Where(word => !place.Words.Contains(word)));
        var plan = Build(what);
        var units = what.Count - (category?.Words.Count(what.Contains) ?? 0) + (category is null ? 0 : 1);
        return plan with { Required = minimumShouldMatch.Required(units), Category = category, Place = place, Plain = plain };
    }

    /// <summary>The content words of a text, stemmed and folded (what the vocabulary's phrases are made of).</summary>
    public IReadOnlyList<QueryWord> ContentWords(string text) => Words(text).Where(w => !StopWords.Contains(w.Folded)).ToList();

    /// <summary>
    /// True when the text joins content words with function words ("hôtel de ville", "poste de police"): a fixed expression, whose
    /// words name something else than each of them does.
    /// </summary>
    public bool IsCompound(string text)
    {
        var words = Words(text);
        var first = words.FindIndex(w => !StopWords.Contains(w.Folded));
        var last = words.FindLastIndex(w => !StopWords.Contains(w.Folded));
        return first >= 0 && words.Skip(first).Take(last - first + 1).Any(w => StopWords.Contains(w.Folded));
    }

    private QueryPlan Build(List<QueryWord> words) =>
        new(words, minimumShouldMatch.Required(words.Count), words.Zip(words.Skip(1)).ToList());

    private static (CategorySense?, PlaceSense?) Understand(List<QueryWord> content, QueryVocabulary vocabulary, Func<string, bool>? knownStem)
    {
        CategorySense? category = null;
        var placeWords = new List<QueryWord>();
        var places = new List<PlaceEntry>();
        for (var start = 0; start < content.Count;)
        {
            var taken = 0;
            for (var length = Math.Min(QueryVocabulary.MaxPhraseWords, content.Count - start); length > 0 && taken == 0; length--)
            {
                var words = content.GetRange(start, length);
                if (category is null && vocabulary.Category(QueryVocabulary.Key(words.Select(w => w.Stem))) is { } named)
                {
                    category = new CategorySense(string.Join(' ', words.Select(w => w.Folded)), named, words);
                    taken = length;
                }
                else if (vocabulary.Place(QueryVocabulary.Key(words.Select(w => w.Folded))) is { } place ||
                         (length == 1 && knownStem is not null && vocabulary.PlaceByTypo(words[0].Folded, QueryPlan.MaxEdits(words[0])) is { } typo &&
                          !knownStem(words[0].Stem) && (place = typo) is not null))
                {
                    placeWords.AddRange(words);
                    places.Add(place);
                    taken = length;
                }
            }
            start += Math.Max(1, taken);
        }
        // A query that is nothing but a place name keeps no "what": everything in the place, names holding the words first.
        PlaceSense? where = places.Count == 0 ? null : new PlaceSense(string.Join(' ', placeWords.Select(w => w.Folded)),
            places.Count == 1 ? places[0] : new PlaceEntry(string.Join(", ", places.Select(p => p.Name).Distinct()),
                places.SelectMany(p => p.CityKeys).Distinct().ToList(), places.SelectMany(p => p.RegionKeys).Distinct().ToList()),
            placeWords);
        return (category, where);
    }

    private static List<QueryWord> Distinct(IEnumerable<QueryWord> words)
    {
        var result = new List<QueryWord>();
        foreach (var word in words)
        {
            if (!result.Exists(existing => existing.Stem == word.Stem))
            {
                result.Add(word);
            }
            if (result.Count == MaxWords)
            {
                break;
            }
        }
        return result;
    }

    private List<QueryWord> Words(string text)
    {
        // Both chains share the tokenizer and drop no token, so the n-th stem and the n-th folded word are the same word.
        var stems = Tokens(_stemming, text);
        var folded = Tokens(_folding, text);
        var words = new List<QueryWord>(Math.Min(stems.Count, folded.Count));
        for (var i = 0; i < stems.Count && i < folded.Count; i++)
        {
            words.Add(new QueryWord(stems[i], folded[i], folded[i].Length));
        }
        return words;
    }

    private static List<string> Tokens(Analyzer analyzer, string text)
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream("q", new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && tokens.Count < MaxWords * 4)
        {
            tokens.Add(term.ToString());
        }
        stream.End();
        return tokens;
    }

    public void Dispose()
    {
        _stemming.Dispose();
        _folding.Dispose();
    }
}
