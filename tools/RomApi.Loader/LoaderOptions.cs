namespace RomApi.Loader;

/// <summary>Command-line options; see <see cref="Usage"/>.</summary>
public sealed record LoaderOptions(
    Uri Gateway, string? Token, string Email, string? Password, string DataDirectory, int BatchSize, bool Publish, int? Replicate, string Only)
{
    public const string Usage = """
        RomApi.Loader: imports the shared data through POST /api/v1/api-resources/ingest (upsert by externalId, so reruns update).
          osm-pois-cm.jsonl  -> BUSINESS resources (OpenStreetMap, ODbL 1.0, (c) OpenStreetMap contributors)
          public-apis.jsonl  -> API resources (public-apis/public-apis, MIT)
        Options:
          --gateway URL        default http://localhost:8080
          --token TOKEN        an admin access token (Authorization: Bearer), or else log in with:
          --email EMAIL        the admin's email, default admin@romapi.local
          --password PASSWORD  the admin's password (the AppHost's admin-password parameter, in its data folder's
                               parameters.json unless you set Parameters__admin-password); also read from ROMAPI_ADMIN_PASSWORD
          --data DIR           default data (the repository's copy; run from its root)
          --batch N            items per call, default 2000 (max 10000)
          --no-publish         leave the resources PENDING (default: publish, which needs an admin)
          --only osm|apis      import one file only
          --replicate N        benchmark mode: N OSM-based items with varied names and fresh externalIds, sent in batches of --batch
        """;

    public static LoaderOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }
        var batch = int.Parse(Value("--batch") ?? "2000", System.Globalization.CultureInfo.InvariantCulture);
        if (batch is < 1 or > 10_000)
        {
            throw new ArgumentException("--batch must be between 1 and 10000.");
        }
        return new LoaderOptions(
            new Uri(Value("--gateway") ?? "http://localhost:8080"),
            Value("--token"),
            Value("--email") ?? "admin@romapi.local",
            Value("--password") ?? Environment.GetEnvironmentVariable("ROMAPI_ADMIN_PASSWORD"),
            Value("--data") ?? "data",
            batch,
            !args.Contains("--no-publish"),
            Value("--replicate") is { } replicate ? int.Parse(replicate, System.Globalization.CultureInfo.InvariantCulture) : null,
            Value("--only") ?? "all");
    }
}
