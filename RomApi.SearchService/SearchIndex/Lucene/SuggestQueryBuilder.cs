using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>The query behind name suggestions (completion of a prefix).</summary>
public static class SuggestQueryBuilder
{
    /// <summary>
    /// Suggestions: every word but the last as typed (folded, unstemmed: the name's typo field holds those words), the last as a
    /// prefix; names starting with the text rank first.
    /// </summary>
    public static Query? Build(string prefix, Analyzer foldingAnalyzer)
    {
        var words = Analyze(prefix, foldingAnalyzer, IndexFields.NameWords);
        if (words.Count == 0)
        {
            return null;
        }
        var query = new BooleanQuery();
        for (var i = 0; i < words.Count - 1; i++)
        {
            query.Add(new TermQuery(new Term(IndexFields.NameWords, words[i])), Occur.MUST);
        }
        query.Add(new PrefixQuery(new Term(IndexFields.NameWords, words[^1])), Occur.MUST);
        query.Add(new PrefixQuery(new Term(IndexFields.NameKey, TextFolding.Fold(prefix))) { Boost = 4 }, Occur.SHOULD);
        return query;
    }

    private static List<string> Analyze(string text, Analyzer analyzer, string field)
    {
        var words = new List<string>();
        using var stream = analyzer.GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && words.Count < QueryPlanner.MaxWords)
        {
            var word = term.ToString();
            if (!words.Contains(word))
            {
                words.Add(word);
            }
        }
        stream.End();
        return words;
    }
}
