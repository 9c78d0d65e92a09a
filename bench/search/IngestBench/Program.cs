// Issue 13 ingest benchmark: N resources (the shared OSM places replicated with varied names, each carrying one run-unique marker
// word) ingested and published through the gateway in sequential calls of B items, while a poller counts, 4 times a second, how
// many of them search finds (GET /api/v1/search?q=<marker>&limit=1). Prints items/s, the largest lag (items and seconds) and the
// seconds from the last batch's answer to everything searchable.
// Usage: dotnet IngestBench.dll --gateway URL --password P --data DIR [--items 100000] [--batch 5000]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

string Option(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
var gateway = new Uri(Option("--gateway", "http://127.0.0.1:8080"));
var items = int.Parse(Option("--items", "100000"), CultureInfo.InvariantCulture);
var batchSize = int.Parse(Option("--batch", "5000"), CultureInfo.InvariantCulture);
var marker = "zqbench" + Guid.NewGuid().ToString("N")[..8];

using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(5) };
// The admin account is created while the gateway starts: a first login can come too early, so it is retried for a minute.
for (var attempt = 1; ; attempt++)
{
    using var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = Option("--email", "admin@romapi.local"), password = Option("--password", "") });
    if (login.IsSuccessStatusCode)
    {
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        break;
    }
    if (attempt == 30)
    {
        Console.Error.WriteLine($"login answered {(int)login.StatusCode}: {await login.Content.ReadAsStringAsync()}");
        return 1;
    }
    await Task.Delay(2000);
}
using var search = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };

var rows = File.ReadLines(Path.Combine(Option("--data", "data"), "osm-pois-cm.jsonl")).Select(line => JsonDocument.Parse(line).RootElement).ToList();
var suffixes = new[] { "", "Centre", "du Marché", "Express", "Plus", "de la Gare", "Saint-Michel", "Akwa", "Bonapriso", "Mvog-Mbi", "Bastos", "Nord" };
var all = Enumerable.Range(0, items).Select(i =>
{
    var row = rows[i % rows.Count];
    var copy = i / rows.Count;
    var label = row.GetProperty("category_label_fr").GetString() ?? row.GetProperty("category_value").GetString();
    var city = row.GetProperty("city").GetString();
    return new
    {
        externalId = $"{marker}-{i}",
        name = Clean(copy == 0 ? row.GetProperty("name").GetString()! : $"{row.GetProperty("name").GetString()} {suffixes[copy % suffixes.Length]} {copy}".Trim()),
        description = $"{label}{(city is null ? "" : " à " + city)}. {marker}. Source : OpenStreetMap (© contributeurs OpenStreetMap, ODbL 1.0).",
        resourceType = "BUSINESS",
        address = new { city, region = row.GetProperty("region").GetString(), latitude = row.GetProperty("lat").GetDouble(), longitude = row.GetProperty("lon").GetDouble() },
    };
}).ToList();

var clock = Stopwatch.StartNew();
var answered = new List<(double At, int Cumulative)>();
var samples = new List<(double At, long Searchable, int Answered)>();
using var stop = new CancellationTokenSource();
var poller = Task.Run(async () =>
{
    while (true)
    {
        long searchable;
        try
        {
            var page = await search.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={marker}&limit=1&facetSize=1", stop.Token);
            searchable = page.GetProperty("meta").GetProperty("total").GetInt64();
        }
        catch (OperationCanceledException)
        {
            return;
        }
        lock (answered)
        {
            samples.Add((clock.Elapsed.TotalSeconds, searchable, answered.Count == 0 ? 0 : answered[^1].Cumulative));
        }
        if (searchable >= items && answered.Count > 0 && answered[^1].Cumulative >= items)
        {
            return;
        }
        try { await Task.Delay(250, stop.Token); } catch (OperationCanceledException) { return; }
    }
});

var sent = 0;
foreach (var batch in all.Chunk(batchSize))
{
    using var response = await http.PostAsJsonAsync("/api/v1/api-resources/ingest", new { resources = batch, mode = "upsert", publish = true });
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode || JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("failed").GetInt32() > 0)
    {
        Console.Error.WriteLine($"ingest answered {(int)response.StatusCode}: {body[..Math.Min(400, body.Length)]}");
        return 1;
    }
    sent += batch.Length;
    lock (answered)
    {
        answered.Add((clock.Elapsed.TotalSeconds, sent));
    }
}
var lastAnswer = clock.Elapsed.TotalSeconds;
var firstAnswerStart = 0.0;
if (!poller.Wait(TimeSpan.FromMinutes(5)))
{
    stop.Cancel();
    Console.Error.WriteLine("not everything became searchable within 5 minutes of the last answer");
}

// Lag at a sample: items answered but not yet searchable, and how long ago the oldest of them was answered.
double SecondsBehind((double At, long Searchable, int Answered) s) =>
    s.Searchable >= s.Answered ? 0 : s.At - answered.First(a => a.Cumulative > s.Searchable).At;
var worstItems = samples.Max(s => s.Answered - s.Searchable);
var worstSeconds = samples.Max(SecondsBehind);
var full = samples.FirstOrDefault(s => s.Searchable >= items);
Console.WriteLine($"items: {items} in calls of {batchSize}; marker {marker}");
Console.WriteLine($"ingest: {items / (lastAnswer - firstAnswerStart):F0} items/s ({lastAnswer:F1} s from the first call to the last answer)");
Console.WriteLine($"largest lag: {worstItems} items, {worstSeconds:F1} s (sampled every 250 ms, {samples.Count} samples)");
Console.WriteLine(full.At > 0
    ? $"everything searchable {full.At - lastAnswer:F1} s after the last batch's answer; end to end {items / full.At:F0} items/s"
    : "never fully searchable");
Console.WriteLine("timeline (s: answered / searchable): " + string.Join(", ", samples.Where((_, i) => i % 8 == 0).Select(s => $"{s.At:F0}: {s.Answered}/{s.Searchable}")));
return 0;

// A few OSM names carry control characters, which the API refuses: spaces instead.
static string Clean(string name) => new(name.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
