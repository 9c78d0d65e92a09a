using System.Globalization;

namespace RomApi.Loader;

/// <summary>Command-line options; see <see cref="Usage"/>.</summary>
public sealed record LoaderOptions(
    Uri Gateway, string? Token, string Email, string? Password, string? DataDirectory, int BatchSize, bool Publish, int? Replicate,
    string Only, bool Help)
{
    public const string DefaultGateway = "http://localhost:8080";

    public const string Usage = """
        RomApi.Loader: imports the repository's data through POST /api/v1/api-resources/ingest (upsert by externalId, so reruns update).
          osm-pois-cm.jsonl  -> BUSINESS resources (OpenStreetMap, ODbL 1.0, (c) OpenStreetMap contributors)
          public-apis.jsonl  -> API resources (public-apis/public-apis, MIT)
        Usage: dotnet run --project tools/RomApi.Loader [-- options]
        Options:
          --gateway URL        the gateway, default http://localhost:8080 (the AppHost's AppHost__GatewayPort)
          --token TOKEN        an admin access token (Authorization: Bearer), or else log in as the admin with:
          --email EMAIL        default admin@romapi.local (the AppHost's admin-email parameter)
          --password PASSWORD  default: ROMAPI_ADMIN_PASSWORD, Parameters__admin-password, else the AppHost's own copy
                               (the admin-password parameter in its data folder's parameters.json, or its user secrets)
          --data DIR           the folder with the .jsonl files, default the repository's data/ (found from here or from the loader)
          --batch N            items per call, default 2000 (1..10000)
          --no-publish         leave the resources PENDING (default: publish, which needs an admin)
          --only osm|apis      import one file only
          --replicate N        benchmark mode: N OSM-based items with varied names and fresh externalIds
        """;

    public static LoaderOptions Parse(string[] args)
    {
        string[] flags = ["--no-publish", "--help", "-h"];
        string[] valued = ["--gateway", "--token", "--email", "--password", "--data", "--batch", "--only", "--replicate"];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (flags.Contains(args[i]))
            {
                continue;
            }
            if (!valued.Contains(args[i]))
            {
                throw new LoaderException(ExitCodes.Usage, $"Unknown option '{args[i]}' (see --help).");
            }
            if (i + 1 >= args.Length)
            {
                throw new LoaderException(ExitCodes.Usage, $"{args[i]} needs a value (see --help).");
            }
            values[args[i]] = args[++i];
        }
        string? Value(string name) => values.GetValueOrDefault(name);

        var gatewayText = Value("--gateway") ?? DefaultGateway;
        if (!Uri.TryCreate(gatewayText, UriKind.Absolute, out var gateway) || gateway.Scheme is not ("http" or "https"))
        {
            throw new LoaderException(ExitCodes.Usage, $"--gateway must be an http(s) address such as {DefaultGateway}, not '{gatewayText}'.");
        }
        var batch = Number("--batch", Value("--batch") ?? "2000");
        if (batch is < 1 or > 10_000)
        {
            throw new LoaderException(ExitCodes.Usage, "--batch must be between 1 and 10000.");
        }
        var only = Value("--only") ?? "all";
        if (only is not ("all" or "osm" or "apis"))
        {
            throw new LoaderException(ExitCodes.Usage, "--only must be osm or apis.");
        }
        return new LoaderOptions(
            gateway,
            Value("--token"),
            Value("--email") ?? "admin@romapi.local",
            Value("--password"),
            Value("--data"),
            batch,
            !args.Contains("--no-publish"),
            Value("--replicate") is { } replicate ? Number("--replicate", replicate) : null,
            only,
            args.Contains("--help") || args.Contains("-h"));
    }

    private static int Number(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new LoaderException(ExitCodes.Usage, $"{name} must be a whole number, not '{text}'.");
}
