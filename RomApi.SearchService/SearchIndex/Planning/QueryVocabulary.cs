namespace RomApi.SearchService.SearchIndex.Planning;

/// <summary>A place the index holds, by the folded words of its name: the city and region keys a filter on it matches.</summary>
public sealed record PlaceEntry(string Name, IReadOnlyList<string> CityKeys, IReadOnlyList<string> RegionKeys);

/// <summary>
/// A category as a query may name it: a display label, the index's category names it covers (may be none: a known kind of place
/// the index holds no resource of), the phrases that name it (stems, stop words left out) and the longer phrases of other
/// categories that contain its own ("hotel de ville" for "hotel"): inside those, its words do not name it.
/// </summary>
public sealed record CategoryEntry(string Label, IReadOnlyList<string> IndexNames, IReadOnlyList<string[]> Phrases, IReadOnlyList<string[]> FixedExpressions);

/// <summary>
/// The places and categories a query's words can name, by phrase key (words joined by one space): places by folded words,
/// categories by stems. Built once per index generation (the index's own city, region and category values), read per query.
/// </summary>
public sealed class QueryVocabulary(IReadOnlyDictionary<string, PlaceEntry> places, IReadOnlyDictionary<string, CategoryEntry> categories)
{
    /// <summary>The longest phrase looked up, in words.</summary>
    public const int MaxPhraseWords = 6;

    public static readonly QueryVocabulary Empty = new(new Dictionary<string, PlaceEntry>(), new Dictionary<string, CategoryEntry>());

    public int PlaceCount => places.Count;

    public int CategoryCount => categories.Count;

    public PlaceEntry? Place(string foldedKey) => places.GetValueOrDefault(foldedKey);

    public CategoryEntry? Category(string stemKey) => categories.GetValueOrDefault(stemKey);

    public static string Key(IEnumerable<string> words) => string.Join(' ', words);
}
