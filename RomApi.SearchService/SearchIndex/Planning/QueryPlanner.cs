using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using RomApi.SearchService.SearchIndex.Lucene;

namespace RomApi.SearchService.SearchIndex.Planning;

/// <summary>
/// Turns query text into a <see cref="QueryPlan"/> with the index's own analysis (elision, case, accents, stemming). Both engines
/// build their queries from the plan, so they agree on which words count and how many must match.
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
    public QueryPlan? Plan(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return QueryPlan.Empty;
        }
        // Both chains share the tokenizer and drop no token, so the n-th stem and the n-th folded word are the same word.
        var stems = Tokens(_stemming, text);
        var folded = Tokens(_folding, text);
        var all = new List<(QueryWord Word, bool Stop)>();
        for (var i = 0; i < stems.Count && i < folded.Count; i++)
        {
            var word = new QueryWord(stems[i], folded[i], folded[i].Length);
            if (!all.Exists(existing => existing.Word.Stem == word.Stem))
            {
                all.Add((word, StopWords.Contains(word.Folded)));
            }
            if (all.Count == MaxWords)
            {
                break;
            }
        }
        if (all.Count == 0)
        {
            return null;
        }
        var content = all.Where(w => !w.Stop).Select(w => w.Word).ToList();
        var words = content.Count > 0 ? content : all.Select(w => w.Word).ToList();
        var pairs = words.Zip(words.Skip(1)).ToList();
        return new QueryPlan(words, minimumShouldMatch.Required(words.Count), pairs);
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
