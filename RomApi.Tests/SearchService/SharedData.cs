namespace RomApi.Tests.SearchService;

/// <summary>Rows of the repository's data/ folder (found by walking up from the test binaries) as search documents.</summary>
public static class SharedData
{
    public static string Directory { get; } = Find();

    public static IEnumerable<SearchDocument> OsmDocuments()
    {
        foreach (var line in File.ReadLines(Path.Combine(Directory, "osm-pois-cm.jsonl")))
        {
            var row = JsonDocument.Parse(line).RootElement;
            var name = row.GetProperty("name").GetString()!;
            var nodeId = row.GetProperty("osm_node_id").GetInt64();
            var label = row.GetProperty("category_label_fr").GetString() ?? row.GetProperty("category_value").GetString()!;
            var city = row.GetProperty("city").GetString();
            yield return new SearchDocument(
                DeterministicId("osm", nodeId.ToString()),
                name,
                $"{Slug(name)}-{nodeId}",
                $"{label}{(city is null ? "" : " à " + city)}. Source : OpenStreetMap (© contributeurs OpenStreetMap, ODbL 1.0).",
                "BUSINESS",
                DeterministicId("category", label),
                label,
                Slug(label),
                city,
                row.GetProperty("region").GetString(),
                row.GetProperty("lat").GetDouble(),
                row.GetProperty("lon").GetDouble(),
                nodeId % 7 == 0,
                "FREE",
                DateTimeOffset.UnixEpoch.AddSeconds(nodeId % 100_000_000));
        }
    }

    public static IEnumerable<SearchDocument> ApiDocuments()
    {
        foreach (var line in File.ReadLines(Path.Combine(Directory, "public-apis.jsonl")))
        {
            var row = JsonDocument.Parse(line).RootElement;
            var name = row.GetProperty("name").GetString()!;
            var url = row.GetProperty("url").GetString()!;
            var category = "API " + row.GetProperty("category").GetString();
            yield return new SearchDocument(DeterministicId("api", name + url), name, Slug(name) + "-" + Math.Abs(url.GetHashCode() % 100000),
                row.GetProperty("description").GetString(), "API", DeterministicId("category", category), category, Slug(category),
                null, null, null, null, false, "FREE", DateTimeOffset.UnixEpoch);
        }
    }

    public static Guid DeterministicId(string kind, string key) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{kind}:{key}")));

    public static string Slug(string text) =>
        new string(RomApi.Text.TextFolding.Fold(text).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "data");
            if (File.Exists(Path.Combine(candidate, "osm-pois-cm.jsonl")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("data/osm-pois-cm.jsonl not found above the test binaries.");
    }
}
