namespace RomApi.SearchService.Places;

/// <summary>
/// The places a query can name: the cities and regions the index holds (resources come from any country), by the folded words of
/// their names, with the gazetteer's other spellings of them. Built once per index generation.
/// </summary>
public sealed class PlaceVocabulary(PlaceGazetteer gazetteer, QueryPlanner analysis)
{
    /// <param name="cities">The index's city values as written.</param>
    /// <param name="regionKeys">The index's region keys (folded).</param>
    public Dictionary<string, PlaceEntry> Build(IReadOnlyCollection<string> cities, IReadOnlyCollection<string> regionKeys)
    {
        var entries = new Dictionary<string, (string Name, HashSet<string> Cities, HashSet<string> Regions)>(StringComparer.Ordinal);
        void Add(string spelling, string name, string? cityKey, string? regionKey)
        {
            var key = QueryVocabulary.Key(analysis.ContentWords(spelling).Select(word => word.Folded));
            if (key.Length == 0)
            {
                return;
            }
            if (!entries.TryGetValue(key, out var entry))
            {
                entries[key] = entry = (name, new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
            }
            if (cityKey is not null)
            {
                entry.Cities.Add(cityKey);
            }
            if (regionKey is not null)
            {
                entry.Regions.Add(regionKey);
            }
        }
        var cityKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var city in cities)
        {
            cityKeys[TextFolding.Fold(city)] = city;
            Add(city, city, TextFolding.Fold(city), null);
        }
        var regions = regionKeys.ToHashSet(StringComparer.Ordinal);
        var regionNames = gazetteer.RegionNames.SelectMany(pair => new[] { pair.First, pair.Second })
            .DistinctBy(TextFolding.Fold).ToDictionary(TextFolding.Fold, StringComparer.Ordinal);
        foreach (var region in regions)
        {
            Add(region, regionNames.GetValueOrDefault(region, region), null, region);
        }
        foreach (var (first, second) in gazetteer.RegionNames)
        {
            var (a, b) = (TextFolding.Fold(first), TextFolding.Fold(second));
            if (regions.Contains(a))
            {
                Add(second, first, null, a);
            }
            if (regions.Contains(b))
            {
                Add(first, second, null, b);
            }
        }
        foreach (var (name, alternates) in gazetteer.Towns)
        {
            if (cityKeys.TryGetValue(TextFolding.Fold(name), out var city))
            {
                foreach (var alternate in alternates)
                {
                    Add(alternate, city, TextFolding.Fold(city), null);
                }
            }
        }
        return entries.ToDictionary(pair => pair.Key, pair => new PlaceEntry(pair.Value.Name, pair.Value.Cities.ToList(), pair.Value.Regions.ToList()),
            StringComparer.Ordinal);
    }
}
