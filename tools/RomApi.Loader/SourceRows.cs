using System.Text.Json;
using System.Text.Json.Serialization;

namespace RomApi.Loader;

/// <summary>Turns the shared data files into ingest items, keeping each source's attribution in the description.</summary>
public static class SourceRows
{
    public const string OsmAttribution = "Source : OpenStreetMap (© contributeurs OpenStreetMap, ODbL 1.0).";
    public const string PublicApisAttribution = "Source: public-apis/public-apis (MIT).";

    public static IEnumerable<object> Osm(string path, int copy = 0) =>
        File.ReadLines(path).Where(line => line.Length > 0).Select(line => JsonSerializer.Deserialize<OsmRow>(line)!).Select(row => (object)new
        {
            externalId = copy == 0 ? $"osm:node/{row.NodeId}" : $"osm:node/{row.NodeId}#bench-{copy}",
            name = copy == 0 ? row.Name : $"{row.Name} {copy}",
            resourceType = "BUSINESS",
            categorySlug = row.LabelFr ?? row.Value,
            description = $"{row.LabelFr ?? row.Value}{(row.City is null ? "" : " à " + row.City)}. {OsmAttribution}",
            address = new { city = row.City, region = row.Region, country = "CM", latitude = row.Lat, longitude = row.Lon },
        });

    public static IEnumerable<object> PublicApis(string path) =>
        File.ReadLines(path).Where(line => line.Length > 0).Select(line => JsonSerializer.Deserialize<ApiRow>(line)!).Select(row => (object)new
        {
            // The list has a few URLs twice (two APIs on one page), so the name is part of the key.
            externalId = Truncate($"public-apis:{row.Name}|{row.Url}", 200),
            name = row.Name,
            resourceType = "API",
            categorySlug = "API " + row.Category,
            description = $"{row.Description} (auth: {row.Auth ?? "none"}, HTTPS: {(row.Https ? "yes" : "no")}, CORS: {row.Cors ?? "unknown"}). {PublicApisAttribution}",
            contact = new { website = row.Url },
        });

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private sealed record OsmRow(
        [property: JsonPropertyName("osm_node_id")] long NodeId,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("category_value")] string Value,
        [property: JsonPropertyName("category_label_fr")] string? LabelFr,
        [property: JsonPropertyName("lat")] double Lat,
        [property: JsonPropertyName("lon")] double Lon,
        [property: JsonPropertyName("city")] string? City,
        [property: JsonPropertyName("region")] string? Region);

    private sealed record ApiRow(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("description")] string? Description,
        [property: JsonPropertyName("category")] string Category,
        [property: JsonPropertyName("auth")] string? Auth,
        [property: JsonPropertyName("https")] bool Https,
        [property: JsonPropertyName("cors")] string? Cors,
        [property: JsonPropertyName("url")] string Url);
}
