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
public sealed class QueryVocabulary
{
    private readonly IReadOnlyDictionary<string, PlaceEntry> places;
    private readonly IReadOnlyDictionary<string, CategoryEntry> categories;

    // One-word place names by each of their one-letter deletions (and themselves): a typo's candidates in a few look-ups.
    private readonly Dictionary<string, List<string>> _placesByDeletion = new(StringComparer.Ordinal);

    public QueryVocabulary(IReadOnlyDictionary<string, PlaceEntry> places, IReadOnlyDictionary<string, CategoryEntry> categories)
    {
        this.places = places;
        this.categories = categories;
        foreach (var key in places.Keys.Where(key => key.Length >= QueryPlanner.OneEditFrom && !key.Contains(' ')))
        {
            foreach (var variant in Deletions(key).Append(key).Distinct())
            {
                (_placesByDeletion.TryGetValue(variant, out var list) ? list : _placesByDeletion[variant] = []).Add(key);
            }
        }
    }

    /// <summary>The longest phrase looked up, in words.</summary>
    public const int MaxPhraseWords = 6;

    public static readonly QueryVocabulary Empty = new(new Dictionary<string, PlaceEntry>(), new Dictionary<string, CategoryEntry>());

    public int PlaceCount => places.Count;

    public int CategoryCount => categories.Count;

    public PlaceEntry? Place(string foldedKey) => places.GetValueOrDefault(foldedKey);

    public CategoryEntry? Category(string stemKey) => categories.GetValueOrDefault(stemKey);

    public static string Key(IEnumerable<string> words) => string.Join(' ', words);

    /// <summary>
    /// The one-word place a typo of <paramref name="folded"/> names: the closest within <paramref name="maxEdits"/> (insertions,
    /// deletions, substitutions, a transposition of neighbours counting one), or null when none or two are equally close.
    /// </summary>
    public PlaceEntry? PlaceByTypo(string folded, int maxEdits)
    {
        if (maxEdits == 0)
        {
            return null;
        }
        var best = (Key: (string?)null, Edits: int.MaxValue, Tied: false);
        foreach (var variant in Deletions(folded).Append(folded).Distinct())
        {
            foreach (var key in _placesByDeletion.GetValueOrDefault(variant) ?? [])
            {
                var edits = Edits.Between(folded, key);
                if (edits > maxEdits || key == best.Key)
                {
                    continue;
                }
                best = edits < best.Edits ? (key, edits, false) : edits == best.Edits ? best with { Tied = true } : best;
            }
        }
        return best.Key is { } found && !best.Tied ? places[found] : null;
    }

    private static IEnumerable<string> Deletions(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            yield return word.Remove(i, 1);
        }
    }
}
