namespace RomApi.SearchService.Places;

/// <summary>
/// What the search service takes from the gazetteer (GeoNames CM export, CC BY 4.0, geonames.org; data/cm-places.jsonl): each
/// region's other-language name (Extrême-Nord / Far North) and the alternate names of towns (Jaunde for Yaoundé), so a query
/// spelling a place either way finds what the index holds under the other. The index's own values are the places; this only
/// adds spellings of them.
/// </summary>
public sealed class PlaceGazetteer
{
    public const string FileName = "cm-places.jsonl";

    /// <summary>Alternate names of towns at least this populous are spellings worth knowing (smaller ones collide with words).</summary>
    public const long AlternateNamesFrom = 50_000;

    public static readonly PlaceGazetteer Empty = new([], []);

    public PlaceGazetteer(IReadOnlyList<(string First, string Second)> regionNames, IReadOnlyList<(string Name, IReadOnlyList<string> Alternates)> towns)
    {
        RegionNames = regionNames;
        Towns = towns;
    }

    /// <summary>Pairs of names of one region (English, French).</summary>
    public IReadOnlyList<(string First, string Second)> RegionNames { get; }

    /// <summary>Towns and their other names.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Alternates)> Towns { get; }

    /// <summary>The file next to the service (copied at build), or <see cref="Empty"/> when it is absent.</summary>
    public static PlaceGazetteer Load(string? path = null)
    {
        path ??= Path.Combine(AppContext.BaseDirectory, "Places", "Data", FileName);
        if (!File.Exists(path))
        {
            return Empty;
        }
        var regions = new HashSet<(string, string)>();
        var towns = new List<(string, IReadOnlyList<string>)>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || JsonSerializer.Deserialize<Row>(line) is not { } row)
            {
                continue;
            }
            if (row.Region is { } region && row.RegionFr is { } regionFr && region != regionFr)
            {
                regions.Add((region, regionFr));
            }
            if (row.Population >= AlternateNamesFrom && row.Name is { } name)
            {
                towns.Add((name, (row.AltNames ?? []).Where(alt => alt.Length >= 4).ToList()));
            }
        }
        return new PlaceGazetteer(regions.ToList(), towns);
    }

    private sealed record Row(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("region")] string? Region,
        [property: JsonPropertyName("region_fr")] string? RegionFr,
        [property: JsonPropertyName("population")] long? Population,
        [property: JsonPropertyName("alt_names")] List<string>? AltNames);
}
