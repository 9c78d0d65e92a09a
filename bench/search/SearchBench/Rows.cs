using System.Text.Json;
using RomApi.SearchService.SearchIndex;

static class Rows
{
    /// <summary>The OSM places (with coordinates) and public APIs, replicated with varied names up to the target count.</summary>
    public static List<SearchDocument> Load(string dataDir, int target)
    {
        var osm = File.ReadLines(Path.Combine(dataDir, "osm-pois-cm.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var apis = File.ReadLines(Path.Combine(dataDir, "public-apis.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var suffixes = new[] { "", "Centre", "du Marché", "Express", "Plus", "de la Gare", "Saint-Michel", "Akwa", "Bonapriso", "Mvog-Mbi", "Bastos", "Nord" };
        var result = new List<SearchDocument>(target);
        var rng = new Random(42);
        for (var copy = 0; result.Count < target; copy++)
        {
            foreach (var row in osm)
            {
                if (result.Count >= target) break;
                var label = row.GetProperty("category_label_fr").GetString() ?? row.GetProperty("category_value").GetString()!;
                var city = row.GetProperty("city").GetString();
                var name = copy == 0 ? row.GetProperty("name").GetString()! : $"{row.GetProperty("name").GetString()} {suffixes[copy % suffixes.Length]} {copy}".Trim();
                // Copies are spread a few km around the original point, so geo queries see realistic density.
                var lat = row.GetProperty("lat").GetDouble() + (copy == 0 ? 0 : (rng.NextDouble() - 0.5) * 0.05);
                var lon = row.GetProperty("lon").GetDouble() + (copy == 0 ? 0 : (rng.NextDouble() - 0.5) * 0.05);
                result.Add(new SearchDocument(Guid.NewGuid(), name, $"s-{result.Count}", $"{label}{(city is null ? "" : " à " + city)}. Source : OpenStreetMap (ODbL).",
                    "BUSINESS", null, label, null, city, row.GetProperty("region").GetString(), lat, lon, result.Count % 7 == 0, "FREE",
                    DateTimeOffset.UnixEpoch.AddMinutes(result.Count)));
            }
            foreach (var row in apis.Take(copy == 0 ? apis.Count : 150))
            {
                if (result.Count >= target) break;
                var category = "API " + row.GetProperty("category").GetString();
                var name = copy == 0 ? row.GetProperty("name").GetString()! : $"{row.GetProperty("name").GetString()} {copy}";
                result.Add(new SearchDocument(Guid.NewGuid(), name, $"s-{result.Count}", row.GetProperty("description").GetString(), "API", null, category, null,
                    null, null, null, null, false, "FREE", DateTimeOffset.UnixEpoch.AddMinutes(result.Count)));
            }
        }
        return result;
    }
}
