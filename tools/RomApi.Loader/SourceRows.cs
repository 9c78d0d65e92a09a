using System.Text.Json;
using System.Text.Json.Serialization;

namespace RomApi.Loader;

/// <summary>One item to ingest and where it came from (file and 1-based line), so that a refused item can be traced to its row.</summary>
public sealed record SourceRow(string File, int Line, ResourceInput Item);

/// <summary>Turns the shared data files into ingest items, keeping each source's attribution in the description.</summary>
public static class SourceRows
{
    public const string OsmFile = "osm-pois-cm.jsonl";
    public const string PublicApisFile = "public-apis.jsonl";
    public const string OsmAttribution = "Source : OpenStreetMap (© contributeurs OpenStreetMap, ODbL 1.0).";
    public const string PublicApisAttribution = "Source: public-apis/public-apis (MIT).";

    public static IEnumerable<SourceRow> Osm(string path, int copy = 0) => Read<OsmRow>(path, row => new ResourceInput
    {
        ExternalId = copy == 0 ? $"osm:node/{row.NodeId}" : $"osm:node/{row.NodeId}#bench-{copy}",
        Name = copy == 0 ? row.Name : $"{row.Name} {copy}",
        ResourceType = ResourceInputResourceType.BUSINESS,
        CategorySlug = row.LabelFr ?? row.Value,
        Description = $"{row.LabelFr ?? row.Value}{(row.City is null ? "" : " à " + row.City)}. {OsmAttribution}",
        Address = new AddressInput { City = row.City, Region = row.Region, Country = "CM", Latitude = row.Lat, Longitude = row.Lon },
    });

    public static IEnumerable<SourceRow> PublicApis(string path) => Read<ApiRow>(path, row => new ResourceInput
    {
        // The list has a few URLs twice (two APIs on one page), so the name is part of the key.
        ExternalId = Truncate($"public-apis:{row.Name}|{row.Url}", 200),
        Name = row.Name,
        ResourceType = ResourceInputResourceType.API,
        CategorySlug = "API " + row.Category,
        Description = $"{row.Description} (auth: {row.Auth ?? "none"}, HTTPS: {(row.Https ? "yes" : "no")}, CORS: {row.Cors ?? "unknown"}). {PublicApisAttribution}",
        Contact = new ContactInput { Website = row.Url },
    });

    private static IEnumerable<SourceRow> Read<TRow>(string path, Func<TRow, ResourceInput> toItem)
    {
        if (!File.Exists(path))
        {
            throw new LoaderException(ExitCodes.DataMissing, $"Data file not found: {Path.GetFullPath(path)}. Pass --data <the repository's data/ folder>.");
        }
        var file = Path.GetFileName(path);
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (text.Length > 0)
            {
                yield return new SourceRow(file, line, toItem(JsonSerializer.Deserialize<TRow>(text)!));
            }
        }
    }

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
