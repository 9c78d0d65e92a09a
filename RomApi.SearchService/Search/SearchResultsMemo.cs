namespace RomApi.SearchService.Search;

/// <summary>
/// The answer's results (hits with their highlights) built once per page: the engine hands back the same page object each time
/// the same search is asked of the same index reader, so a repeated search does not highlight its hits again. A page the
/// engine did not keep is built for its one request and forgotten with it.
/// </summary>
public sealed class SearchResultsMemo(SearchHighlighter highlighter)
{
    private readonly ConditionalWeakTable<SearchIndexPage, IReadOnlyList<SearchResultDto>> _results = new();

    /// <param name="text">The query text the page answers (part of what the engine keeps the page under).</param>
    public IReadOnlyList<SearchResultDto> For(SearchIndexPage page, string text)
    {
        if (_results.TryGetValue(page, out var results))
        {
            return results;
        }
        var words = highlighter.QueryWords(text);
        results = page.Hits.Select(hit => SearchResultDto.From(hit, highlighter.Highlight(hit.Document, words))).ToList();
        return _results.GetValue(page, _ => results);
    }
}
