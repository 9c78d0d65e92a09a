using Microsoft.Extensions.Options;
using RomApi.Loader;
using RomApi.ServiceDefaults.PlatformAuth;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

LoaderOptions options;
try
{
    options = LoaderOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(LoaderOptions.Usage);
    return 2;
}
if (args.Contains("--help") || (options.Token is null && options.PlatformKey is null))
{
    Console.Error.WriteLine(LoaderOptions.Usage);
    return args.Contains("--help") ? 0 : 2;
}

using var http = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromMinutes(5) };
if (options.Token is not null)
{
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
}
else
{
    // Stop-gap until the gateway's login (issue 4): an admin identity signed with the platform key, as the gateway would sign it.
    var tokens = new PlatformTokenService(Options.Create(new PlatformAuthOptions { SigningKey = options.PlatformKey! }), TimeProvider.System);
    var admin = new PlatformIdentity(new Guid("00000000-0000-0000-0000-00000000a001"), "loader@romapi.local", PlatformIdentity.AdminUserType,
        "ENTERPRISE", null, Permissions.All);
    http.DefaultRequestHeaders.Add(PlatformTokenService.HeaderName, tokens.Issue(admin, TimeSpan.FromHours(1)));
}

var sources = new List<(string Label, List<object> Items)>();
if (options.Replicate is { } target)
{
    var osmPath = Path.Combine(options.DataDirectory, "osm-pois-cm.jsonl");
    var items = new List<object>(target);
    for (var copy = 1; items.Count < target; copy++)
    {
        items.AddRange(SourceRows.Osm(osmPath, copy).Take(target - items.Count));
    }
    sources.Add(($"replicated OSM x{target}", items));
}
else
{
    if (options.Only is "all" or "osm")
    {
        sources.Add(("osm-pois-cm.jsonl", SourceRows.Osm(Path.Combine(options.DataDirectory, "osm-pois-cm.jsonl")).ToList()));
    }
    if (options.Only is "all" or "apis")
    {
        sources.Add(("public-apis.jsonl", SourceRows.PublicApis(Path.Combine(options.DataDirectory, "public-apis.jsonl")).ToList()));
    }
}

var total = sources.Sum(s => s.Items.Count);
var progress = new ProgressBar(total);
var totals = new int[4];
var clock = Stopwatch.StartNew();
foreach (var (label, items) in sources)
{
    foreach (var batch in items.Chunk(options.BatchSize))
    {
        var started = clock.Elapsed;
        using var response = await http.PostAsJsonAsync("/api/v1/api-resources/ingest",
            new { resources = batch, mode = "upsert", publish = options.Publish });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"{label}: HTTP {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
            return 1;
        }
        var result = JsonDocument.Parse(text).RootElement.GetProperty("data");
        totals[0] += result.GetProperty("created").GetInt32();
        totals[1] += result.GetProperty("updated").GetInt32();
        totals[2] += result.GetProperty("failed").GetInt32();
        foreach (var error in result.GetProperty("errors").EnumerateArray().Take(3))
        {
            progress.Note($"{label} item {error.GetProperty("index")}: {error.GetProperty("code")} {error.GetProperty("message")}");
        }
        progress.Advance(batch.Length, label, batch.Length / (clock.Elapsed - started).TotalSeconds);
    }
}
progress.Done();
Console.WriteLine($"{total} items in {clock.Elapsed.TotalSeconds:F2} s = {total / clock.Elapsed.TotalSeconds:F0} items/s " +
                  $"(created {totals[0]}, updated {totals[1]}, failed {totals[2]})");
Console.WriteLine($"Data: {SourceRows.OsmAttribution} {SourceRows.PublicApisAttribution}");
return totals[2] == 0 ? 0 : 3;
