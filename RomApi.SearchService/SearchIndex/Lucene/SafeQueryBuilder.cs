using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>
/// Turns user text into a query without any query syntax: the text is only analysed into words,
/// so quotes, brackets, AND/OR or a lone '*' can never make the parser fail (no 500 from user input).
/// Every word must match the name or the description.
/// </summary>
public static class SafeQueryBuilder
{
    private const int MaxTerms = 32;

    /// <summary>Null when the text holds no searchable word (e.g. only punctuation).</summary>
    public static Query? Build(string text, Analyzer analyzer)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new MatchAllDocsQuery();
        }

        var words = Analyze(text, analyzer);
        if (words.Count == 0)
        {
            return null;
        }

        var query = new BooleanQuery();
        foreach (var word in words)
        {
            var anyField = new BooleanQuery();
            foreach (var (field, boost) in IndexFields.FullText)
            {
                anyField.Add(new TermQuery(new Term(field, word)) { Boost = boost }, Occur.SHOULD);
            }
            query.Add(anyField, Occur.MUST);
        }
        return query;
    }

    private static List<string> Analyze(string text, Analyzer analyzer)
    {
        var words = new List<string>();
        using var stream = analyzer.GetTokenStream(IndexFields.Name, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && words.Count < MaxTerms)
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
