using System.Collections.Frozen;
using System.Text.Json.Serialization;

namespace RomApi.ResourceService.Enrichment;

/// <summary>A place of the gazetteer (GeoNames, CC BY 4.0).</summary>
public sealed record Place(string Name, string? Region, double Latitude, double Longitude, long Population);

/// <summary>
/// City -> region and coordinates, from the GeoNames export of Cameroon (cm-places.jsonl, CC BY 4.0, geonames.org).
/// Look-ups fold accents and case and know the alternate names; of several places with one name the most populous wins.
/// </summary>
public sealed partial class Gazetteer
{
    /// <summary>The country whose places the gazetteer knows; addresses elsewhere are not looked up.</summary>
    public const string Country = "CM";

    private readonly FrozenDictionary<string, Place> _byName;

    public Gazetteer(IOptions<EnrichmentOptions> options, IHostEnvironment environment, ILogger<Gazetteer> logger)
    {
        var path = Path.IsPathRooted(options.Value.GazetteerPath)
            ? options.Value.GazetteerPath
            : Path.Combine(AppContext.BaseDirectory, options.Value.GazetteerPath);
        if (!File.Exists(path))
        {
            LogMissing(logger, path);
            _byName = FrozenDictionary<string, Place>.Empty;
            return;
        }
        _byName = Load(path);
        LogLoaded(logger, _byName.Count, environment.ApplicationName);
    }

    public int Count => _byName.Count;

    public Place? Find(string city) => _byName.GetValueOrDefault(TextFolding.FoldToWords(city));

    private static FrozenDictionary<string, Place> Load(string path)
    {
        var byName = new Dictionary<string, Place>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var row = JsonSerializer.Deserialize<GeoNamesRow>(line, JsonSerializerOptions.Web);
            if (row?.Name is null || row.Lat is not { } lat || row.Lon is not { } lon)
            {
                continue;
            }
            var place = new Place(row.Name, row.Region, lat, lon, row.Population ?? 0);
            // The place's own names outrank other places' alternate names of the same spelling.
            foreach (var (name, isOwn) in new[] { (row.Name, true), (row.AsciiName, true) }
                         .Concat((row.AltNames ?? []).Select(alt => ((string?)alt, false))))
            {
                if (string.IsNullOrWhiteSpace(name))
                {
                    continue;
                }
                var key = TextFolding.FoldToWords(name);
                var weight = place.Population + (isOwn ? 10_000_000 : 0);
                if (!byName.TryGetValue(key, out var existing) || Weight(existing, key) < weight)
                {
                    byName[key] = place;
                }
            }
        }
        return byName.ToFrozenDictionary();

        static long Weight(Place place, string key) => place.Population + (TextFolding.FoldToWords(place.Name) == key ? 10_000_000 : 0);
    }

    private sealed record GeoNamesRow(
        string? Name,
        [property: JsonPropertyName("ascii_name")] string? AsciiName,
        string? Region,
        double? Lat,
        double? Lon,
        long? Population,
        [property: JsonPropertyName("alt_names")] string[]? AltNames);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gazetteer not found at {Path}: cities will not be enriched with region and coordinates")]
    private static partial void LogMissing(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gazetteer loaded: {Count} place names ({Application})")]
    private static partial void LogLoaded(ILogger logger, int count, string application);
}
