namespace RomApi.Loader;

/// <summary>Command-line options; see <see cref="Usage"/>.</summary>
public sealed record LoaderOptions(
    Uri Gateway, string? Token, string? PlatformKey, string DataDirectory, int BatchSize, bool Publish, int? Replicate, string Only)
{
    public const string Usage = """
        RomApi.Loader: imports the shared data through POST /api/v1/api-resources/ingest (upsert by externalId, so reruns update).
          osm-pois-cm.jsonl  -> BUSINESS resources (OpenStreetMap, ODbL 1.0, (c) OpenStreetMap contributors)
          public-apis.jsonl  -> API resources (public-apis/public-apis, MIT)
        Options:
          --gateway URL        default http://localhost:8080
          --token TOKEN        an admin access token (Authorization: Bearer), once the gateway issues them (issue 4)
          --platform-key KEY   stop-gap for local runs until the gateway's login lands: mints an admin platform identity token
                               with the platform signing key (the AppHost's jwt-signing-key, in its data folder's parameters.json);
                               also read from ROMAPI_PLATFORM_KEY
          --data DIR           default ../shared/data (relative to the repository root)
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
            Value("--platform-key") ?? Environment.GetEnvironmentVariable("ROMAPI_PLATFORM_KEY"),
            Value("--data") ?? Path.Combine("..", "shared", "data"),
            batch,
            !args.Contains("--no-publish"),
            Value("--replicate") is { } replicate ? int.Parse(replicate, System.Globalization.CultureInfo.InvariantCulture) : null,
            Value("--only") ?? "all");
    }
}
