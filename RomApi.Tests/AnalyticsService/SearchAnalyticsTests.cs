namespace RomApi.Tests.AnalyticsService;

/// <summary>Real searches through the gateway, reported by the search service, listed by the analytics service.</summary>
public sealed class SearchAnalyticsTests(SystemFixture system) : AnalyticsTest(system)
{
    [Fact]
    public async Task Searches_through_the_gateway_reach_top_queries_and_those_without_results_reach_zero_results()
    {
        // Nonsense words no other test uses, different enough that typo tolerance cannot match one with another.
        string Word(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];
        var (waitWord, foundWord, missingWord) = (Word("qw"), Word("qf"), Word("Zq"));
        var owner = await Kit.NewUserAsync();
        await new ResourceTestClient(Fixture).CreatePublishedAsync(owner, new { name = $"Analytics {waitWord} {foundWord}", resourceType = "BUSINESS" });
        using var gateway = Kit.GatewayAs(Caller.Anonymous);
        async Task<long> TotalAsync(string q)
        {
            using var response = await gateway.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}");
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"search answered {(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!["meta"]!["total"]!.GetValue<long>();
        }
        // Waiting on another word of the same document, so every search of foundWord below has results.
        await Eventually.UntilAsync(() => TotalAsync(waitWord), total => total == 1, TimeSpan.FromSeconds(60), "the resource in search");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, await TotalAsync(foundWord));
        }
        Assert.Equal(0, await TotalAsync(missingWord));
        Assert.Equal(0, await TotalAsync($"  {missingWord} "));

        using var admin = Kit.GatewayAs(await Kit.AdminAsync());
        async Task<JsonArray> ListAsync(string list)
        {
            using var response = await admin.GetAsync($"/api/v1/analytics/search/{list}?period=1h&limit=100");
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{list} answered {(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!["data"]!.AsArray();
        }
        static JsonNode? Entry(JsonArray list, string query) => list.FirstOrDefault(q => q!["query"]!.GetValue<string>() == query);

        // Both searches of the missing word, stored under one normalised (trimmed, lower-case) query.
        var zero = await Eventually.UntilAsync(() => ListAsync("zero-results"),
            list => Entry(list, missingWord.ToLowerInvariant())?["zeroResultCount"]!.GetValue<long>() == 2, TimeSpan.FromSeconds(60), "the zero-result query");
        var top = await Eventually.UntilAsync(() => ListAsync("top-queries"),
            list => Entry(list, foundWord)?["count"]!.GetValue<long>() == 3, TimeSpan.FromSeconds(60), "the query with results among top queries");

        var found = Entry(top, foundWord)!;
        Assert.Equal(0, found["zeroResultCount"]!.GetValue<long>());
        Assert.Equal(1, found["averageResultCount"]!.GetValue<double>());
        Assert.Equal(2, Entry(zero, missingWord.ToLowerInvariant())!["count"]!.GetValue<long>());
        Assert.Null(Entry(await ListAsync("zero-results"), foundWord));
    }
}
