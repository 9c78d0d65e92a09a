namespace RomApi.SearchService.SearchIndex.Planning;

/// <summary>One word of a query: its stem (what the index holds), its folded form and how long it was as typed.</summary>
public sealed record QueryWord(string Stem, string Folded, int Length);

/// <summary>
/// What a free-text query asks of either engine: the words that count (stop and question words left out unless the query has
/// nothing else), how many of them a resource needs, which words may match with typos and with how many edits, and the
/// neighbouring pairs that earn a bonus when they occur close together.
/// </summary>
/// <param name="RankFirstWith">In a relaxed plan, the word count of the strict plan: resources with that many rank first.</param>
public sealed record QueryPlan(IReadOnlyList<QueryWord> Words, int Required, IReadOnlyList<(QueryWord First, QueryWord Second)> Pairs, int? RankFirstWith = null)
{
    public static readonly QueryPlan Empty = new([], 0, []);

    public bool MatchesEverything => Words.Count == 0;

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
