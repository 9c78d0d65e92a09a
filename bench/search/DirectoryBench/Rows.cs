using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RomApi.SearchService.SearchIndex;

/// <summary>The rows as tools/RomApi.Loader ingests them (its SourceRows): category = the French label, "{label} à {city}." description.</summary>
public static class Rows
{
    public static IEnumerable<SearchDocument> Osm(string path)
    {
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var row = JsonDocument.Parse(line).RootElement;
            var name = row.GetProperty("name").GetString()!;
            var nodeId = row.GetProperty("osm_node_id").GetInt64();
            var label = row.GetProperty("category_label_fr").GetString() ?? row.GetProperty("category_value").GetString()!;
            var city = row.GetProperty("city").GetString();
            yield return new SearchDocument(Id($"osm:{nodeId}"), name, $"osm-{nodeId}",
                $"{label}{(city is null ? "" : " à " + city)}. Source : OpenStreetMap (© contributeurs OpenStreetMap, ODbL 1.0).",
                "BUSINESS", Id($"category:{label}"), label, label, city, row.GetProperty("region").GetString(),
                row.GetProperty("lat").GetDouble(), row.GetProperty("lon").GetDouble(), false, "FREE", DateTimeOffset.UnixEpoch);
        }
    }

    public static IEnumerable<SearchDocument> PublicApis(string path)
    {
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var row = JsonDocument.Parse(line).RootElement;
            var name = row.GetProperty("name").GetString()!;
            var url = row.GetProperty("url").GetString()!;
            var category = "API " + row.GetProperty("category").GetString();
            yield return new SearchDocument(Id($"api:{name}|{url}"), name, $"api-{name}", row.GetProperty("description").GetString(), "API",
                Id($"category:{category}"), category, category, null, null, null, null, false, "FREE", DateTimeOffset.UnixEpoch);
        }
    }

    private static Guid Id(string key) => new(MD5.HashData(Encoding.UTF8.GetBytes(key)));
}
