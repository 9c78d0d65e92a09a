using System.Text;
using Lucene.Net.Analysis.TokenAttributes;

namespace RomApi.SearchService.Search;

/// <summary>
/// Marks the query's words in a hit's name and description, whichever engine answered: both texts go through the same
/// analysis as the index (accents, case, elision, stemming), so "pharmacies" marks "Pharmacie". Fragments are HTML:
/// the text is HTML-encoded and each matched word is wrapped in &lt;em&gt;...&lt;/em&gt;. Typo matches are not marked.
/// </summary>
public sealed class SearchHighlighter : IDisposable
{
    /// <summary>A longer description is cut to a window of this many characters around its first match.</summary>
    public const int MaxFragmentLength = 200;
    private const int ContextBefore = 40;

    // Lucene analyzers reuse their token streams per thread, so one instance serves concurrent requests.
    private readonly ResourceTextAnalyzer _analyzer = new();
    private readonly QueryPlanner _planner = new();

    /// <summary>The words of the query that count (stop words are not marked unless the query has nothing else; empty q: none).</summary>
    public IReadOnlySet<string> QueryWords(string text) =>
        (_planner.Plan(text)?.Words ?? []).Select(word => word.Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>Null when neither the name nor the description holds a query word.</summary>
    public SearchHighlights? Highlight(SearchDocument document, IReadOnlySet<string> words)
    {
        if (words.Count == 0)
        {
            return null;
        }
        var name = Mark(document.Name, words, int.MaxValue);
        var description = Mark(document.Description, words, MaxFragmentLength);
        return name is null && description is null ? null : new SearchHighlights(name, description);
    }

    private string? Mark(string? text, IReadOnlySet<string> words, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var matches = Tokens(text).Where(token => words.Contains(token.Term)).ToList();
        if (matches.Count == 0)
        {
            return null;
        }
        var start = 0;
        var end = text.Length;
        if (text.Length > maxLength)
        {
            start = Math.Max(0, matches[0].Start - ContextBefore);
            // Start at a word, not in the middle of one.
            var space = text.IndexOf(' ', start);
            start = start == 0 || space < 0 || space >= matches[0].Start ? start : space + 1;
            end = Math.Min(text.Length, start + maxLength);
        }
        var fragment = new StringBuilder();
        fragment.Append(start > 0 ? "…" : "");
        var at = start;
        foreach (var (_, matchStart, matchEnd) in matches.Where(m => m.Start >= start && m.End <= end))
        {
            fragment.Append(Encode(text[at..matchStart]))
                .Append("<em>").Append(Encode(text[matchStart..matchEnd])).Append("</em>");
            at = matchEnd;
        }
        fragment.Append(Encode(text[at..end])).Append(end < text.Length ? "…" : "");
        return fragment.ToString();
    }

    /// <summary>The characters that matter in HTML text; accents and apostrophes stay readable (WebUtility would write &amp;#233;).</summary>
    private static string Encode(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>
    /// The analysed words of a text, kept as long as the text itself: the Lucene engine keeps each returned document, so the same
    /// name and description strings come back query after query and are analysed once.
    /// </summary>
    private (string Term, int Start, int End)[] Tokens(string text) => _tokens.GetValue(text, Analyse);

    private readonly ConditionalWeakTable<string, (string Term, int Start, int End)[]> _tokens = new();

    private (string Term, int Start, int End)[] Analyse(string text)
    {
        var tokens = new List<(string, int, int)>();
        using var stream = _analyzer.GetTokenStream(IndexFields.NameText, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offsets = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), WithoutElision(text, offsets.StartOffset, offsets.EndOffset), offsets.EndOffset));
        }
        stream.End();
        return [.. tokens];
    }

    /// <summary>The elision filter drops "l'" from the word but not from its offsets: the mark starts after the apostrophe.</summary>
    private static int WithoutElision(string text, int start, int end)
    {
        var apostrophe = text.AsSpan(start, end - start).IndexOfAny('\'', '’');
        return apostrophe > 0 && ResourceTextAnalyzer.ElidedArticles.Contains(text.Substring(start, apostrophe), StringComparer.OrdinalIgnoreCase)
            ? start + apostrophe + 1
            : start;
    }

    public void Dispose()
    {
        _analyzer.Dispose();
        _planner.Dispose();
    }
}
