// Freshness of search (issue 5): create and publish a resource through the gateway, then poll GET /api/v1/search for its
// unique word until it appears. The figure per trial is the time from the publish response to the first search response
// that contains the resource. Usage: FreshnessBench --gateway URL --password ADMIN_PASSWORD [--email E] [--trials 100] [--poll-ms 20]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

var options = args.Select((value, i) => (value, i)).Where(a => a.value.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(a => a.value[2..], a => a.i + 1 < args.Length ? args[a.i + 1] : "");
if (!options.TryGetValue("gateway", out var gateway) || !options.TryGetValue("password", out var password))
{
    Console.Error.WriteLine("Usage: FreshnessBench --gateway URL --password ADMIN_PASSWORD [--email E] [--trials 100] [--poll-ms 20]");
    return 2;
}
var email = options.GetValueOrDefault("email", "admin@romapi.local");
var trials = int.Parse(options.GetValueOrDefault("trials", "100"), CultureInfo.InvariantCulture);
var pollInterval = TimeSpan.FromMilliseconds(int.Parse(options.GetValueOrDefault("poll-ms", "20"), CultureInfo.InvariantCulture));
var giveUp = TimeSpan.FromSeconds(30);

using var admin = new HttpClient { BaseAddress = new Uri(gateway) };
using (var login = await admin.PostAsJsonAsync("/api/v1/auth/login", new { email, password }))
{
    if (!login.IsSuccessStatusCode)
    {
        Console.Error.WriteLine($"Login as {email} failed ({(int)login.StatusCode})");
        return 1;
    }
    var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("accessToken").GetString();
    admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
// Searches go anonymously, as a visitor's would.
using var visitor = new HttpClient { BaseAddress = new Uri(gateway) };

var random = new Random(5);
var lags = new List<double>();
var polls = new List<int>();
for (var trial = 0; trial < trials; trial++)
{
    // A made-up word of 12 letters no other resource contains.
    var word = "fr" + new string(Enumerable.Range(0, 10).Select(_ => (char)('a' + random.Next(26))).ToArray());
    using var created = await admin.PostAsJsonAsync("/api/v1/api-resources", new
    {
        name = $"Boutique {word}",
        resourceType = "BUSINESS",
        description = "Freshness benchmark resource.",
        address = new { city = "Douala", country = "CM" },
    });
    if (!created.IsSuccessStatusCode)
    {
        Console.Error.WriteLine($"create answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        return 1;
    }
    var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetString()!;
    using (var published = await admin.PostAsync($"/api/v1/api-resources/{id}/publish", null))
    {
        if (!published.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"publish answered {(int)published.StatusCode}: {await published.Content.ReadAsStringAsync()}");
            return 1;
        }
    }
    var clock = Stopwatch.StartNew();
    var count = 0;
    while (true)
    {
        count++;
        var next = clock.Elapsed + pollInterval;
        using var response = await visitor.GetAsync($"/api/v1/search?q={word}&limit=5");
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode && text.Contains(id, StringComparison.Ordinal))
        {
            lags.Add(clock.Elapsed.TotalMilliseconds);
            polls.Add(count);
            break;
        }
        if (!response.IsSuccessStatusCode && (int)response.StatusCode != 429)
        {
            Console.Error.WriteLine($"search answered {(int)response.StatusCode}: {text}");
            return 1;
        }
        if (clock.Elapsed > giveUp)
        {
            Console.Error.WriteLine($"trial {trial}: {id} not in search after {giveUp.TotalSeconds} s");
            return 1;
        }
        if (next > clock.Elapsed)
        {
            await Task.Delay(next - clock.Elapsed);
        }
    }
}

lags.Sort();
double Percentile(double p) => lags[Math.Clamp((int)Math.Ceiling(p * lags.Count) - 1, 0, lags.Count - 1)];
string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
Console.WriteLine($"trials: {lags.Count}, poll every {pollInterval.TotalMilliseconds} ms, searches per trial: mean {polls.Average():0.0}, max {polls.Max()}");
Console.WriteLine("| trials | min ms | p50 ms | p95 ms | p99 ms | max ms | mean ms |");
Console.WriteLine("|---|---|---|---|---|---|---|");
Console.WriteLine($"| {lags.Count} | {Ms(lags[0])} | {Ms(Percentile(0.50))} | {Ms(Percentile(0.95))} | {Ms(Percentile(0.99))} | {Ms(lags[^1])} | {Ms(lags.Average())} |");
return 0;
