namespace RomApi.SearchService.SearchIndex.Planning;

/// <summary>One word of a query: its stem (what the index holds), its folded form and how long it was as typed.</summary>
public sealed record QueryWord(string Stem, string Folded, int Length);

/// <summary>The place a query names (the "where"): the words as typed, folded, and what the index holds under that name.</summary>
public sealed record PlaceSense(string Text, PlaceEntry Place, IReadOnlyList<QueryWord> Words);

/// <summary>The category a query names within its "what": the words as typed, folded, and the category they name.</summary>
public sealed record CategorySense(string Text, CategoryEntry Category, IReadOnlyList<QueryWord> Words);

/// <summary>
/// What a free-text query asks of either engine: the words that count (stop and question words left out unless the query has
/// nothing else), how many of them a resource needs, which words may match with typos and with how many edits, and the
/// neighbouring pairs that earn a bonus when they occur close together. A place the query names is not among its words: it is
/// the <see cref="Place"/> the results must be in (or name); a category it names makes its words one unit that the category's
/// resources satisfy (<see cref="Category"/>). <see cref="Plain"/> is the same query without that understanding, the fallback.
/// </summary>
/// <param name="RankFirstWith">In a relaxed plan, the unit count of the strict plan: resources with that many rank first.</param>
public sealed record QueryPlan(
    IReadOnlyList<QueryWord> Words,
    int Required,
    IReadOnlyList<(QueryWord First, QueryWord Second)> Pairs,
    int? RankFirstWith = null,
    CategorySense? Category = null,
    PlaceSense? Place = null,
    QueryPlan? Plain = null)
{
    public static readonly QueryPlan Empty = new([], 0, []);

    public bool MatchesEverything => Words.Count == 0;

    /// <summary>The words matched one by one: the words but those of the category.</summary>
    public IEnumerable<QueryWord> FreeWords => Category is { } category ? Words.Where(word => !category.Words.Contains(word)) : Words;

    /// <summary>What counts towards <see cref="Required"/>: each free word, and the category's words as one.</summary>
    public int Units => FreeWords.Count() + (Category is null ? 0 : 1);

    /// <summary>
    /// The plan to try when this one answers nothing, or null: without its place (the what anywhere; the query as typed when it
    /// named only a place).
    /// </summary>
    public QueryPlan? Fallback() => Place is null ? null : Words.Count == 0 ? Plain : this with { Place = null };

    /// <summary>
    /// Fewer results than this for a query of 2 or more words: it is asked again needing only one of its words, the resources
    /// that satisfied the first query first; so a paraphrased question still finds its answer while a common keyword query
    /// ("ecole primaire", dozens of results) stays exact. The threshold does not depend on paging, so every page agrees.
    /// </summary>
    public const int RelaxBelow = 10;

    /// <summary>The plan asked again when the first answer had <paramref name="total"/> results, or null when that answer stands.</summary>
    public QueryPlan? Relaxed(long total) =>
        total < RelaxBelow && Required > 1 ? this with { Required = 1, RankFirstWith = Required } : null;

    /// <summary>Edits a typo of this word may make: none below 5 letters, 1 from 5, 2 from 9 (Elasticsearch's AUTO:5,9).</summary>
    public static int MaxEdits(QueryWord word) => word.Length >= QueryPlanner.TwoEditsFrom ? 2 : word.Length >= QueryPlanner.OneEditFrom ? 1 : 0;
}
