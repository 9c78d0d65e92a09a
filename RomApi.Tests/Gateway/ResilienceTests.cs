using static RomApi.Tests.Infrastructure.GatewayClients;

namespace RomApi.Tests.Gateway;

[Collection(ResilienceCollection.Name)]
public sealed class ResilienceTests(ResilienceFixture system)
{
    private const string RequestsMetric = "romapi_gateway_requests_total";

    [Fact]
    public async Task A_route_slower_than_its_timeout_answers_504_in_the_envelope_and_other_routes_are_unaffected()
    {
        using var gateway = system.CreateGatewayClient();
        var account = await RegisterAsync(gateway);
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var ingest = Bearer(HttpMethod.Post, ResilienceFixture.SlowRoute, account.AccessToken);
        ingest.Content = JsonContent.Create(new
        {
            resources = Enumerable.Range(0, 1000).Select(i => new { name = $"Timeout probe {tag} {i}", resourceType = "BUSINESS", address = new { city = "Douala" } }),
        });

        using var timedOut = await gateway.SendAsync(ingest);
        var error = await ErrorAsync(timedOut);
        using var quick = await gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/categories", account.AccessToken));

        Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.StatusCode);
        Assert.Equal("GATEWAY_TIMEOUT", error.GetProperty("code").GetString());
        Assert.Equal(ResilienceFixture.SlowRoute, error.GetProperty("path").GetString());
        Assert.Equal("POST", error.GetProperty("method").GetString());
        Assert.Contains("resourceservice", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, quick.StatusCode);
    }

    [Fact]
    public async Task When_every_replica_of_a_service_is_down_each_request_to_it_gets_503_in_the_envelope()
    {
        using var gateway = system.CreateGatewayClient();
        using var before = await gateway.GetAsync("/api/v1/search?q=pharmacie");

        await system.KillAsync("searchservice", 0);
        await system.KillAsync("searchservice", 1);
        // The first request finds both replicas refusing connections, the next ones find none left in rotation (then an open
        // circuit): every one of them must be a 503, not a bare 502 or a hang.
        var answers = new List<(HttpStatusCode Status, JsonElement Error)>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await gateway.GetAsync("/api/v1/search?q=pharmacie");
            answers.Add((response.StatusCode, await ErrorAsync(response)));
        }
        using var otherService = await gateway.GetAsync("/api/v1/categories");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.All(answers, answer =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
            Assert.Equal("SERVICE_UNAVAILABLE", answer.Error.GetProperty("code").GetString());
            Assert.Equal("/api/v1/search", answer.Error.GetProperty("path").GetString());
            Assert.Contains("searchservice", answer.Error.GetProperty("message").GetString());
        });
        Assert.Equal(HttpStatusCode.OK, otherService.StatusCode);
    }

    [Fact]
    public async Task With_one_of_two_replicas_killed_every_get_still_succeeds_and_the_dead_replica_gets_no_more_requests()
    {
        // Only this test uses this route, so its request counts are this test's alone.
        const string path = "/api/v1/api-resources?limit=1";
        const string route = "resourceservice-api-resources";
        using var gateway = system.CreateGatewayClient();
        // A user's reads always reach a replica: the gateway's response cache answers anonymous and API-key callers only.
        var account = await RegisterAsync(gateway);
        var sent = 0;
        async Task<List<HttpStatusCode>> GetAsync(int count)
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < count; i++, sent++)
            {
                using var response = await gateway.SendAsync(Bearer(HttpMethod.Get, path, account.AccessToken));
                statuses.Add(response.StatusCode);
            }
            return statuses;
        }
        // Scrapes are cached briefly: wait for one that has counted every request sent so far.
        Task<string> ScrapeAsync() => Eventually.UntilAsync(() => gateway.GetAsAdminStringAsync("/metrics", system.Credentials),
            scrape => PrometheusText.Sum(scrape, RequestsMetric, ("route", route)) == sent, TimeSpan.FromSeconds(30), $"the metrics to count {sent} requests");
        double CountOn(string scrape, int replica) =>
            PrometheusText.Sum(scrape, RequestsMetric, ("route", route), ("destination", $"resourceservice-{replica}"), ("status", "200"));

        var warmUp = await GetAsync(30);
        var beforeKill = await ScrapeAsync();
        await system.KillAsync("resourceservice", 1);
        var afterKill = await GetAsync(30);
        var settled = await ScrapeAsync();
        var later = await GetAsync(30);
        var last = await ScrapeAsync();

        Assert.All(warmUp, status => Assert.Equal(HttpStatusCode.OK, status));
        // Power-of-two-choices spreads 30 requests over both replicas (all on one: 2^-29).
        Assert.True(CountOn(beforeKill, 0) > 0 && CountOn(beforeKill, 1) > 0, "both replicas served before the kill");
        Assert.All(afterKill, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(later, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(CountOn(beforeKill, 1), CountOn(settled, 1));
        Assert.Equal(CountOn(settled, 1), CountOn(last, 1));
        Assert.Equal(CountOn(beforeKill, 0) + 60, CountOn(last, 0));
    }

    [Fact]
    public async Task A_preflight_from_a_configured_origin_is_allowed_and_one_from_another_origin_is_not()
    {
        using var gateway = system.CreateGatewayClient();

        using var allowed = await gateway.SendAsync(Preflight(ResilienceFixture.AllowedOrigin));
        using var refused = await gateway.SendAsync(Preflight("https://evil.example"));
        using var simple = new HttpRequestMessage(HttpMethod.Get, "/api/v1/categories");
        simple.Headers.Add("Origin", ResilienceFixture.AllowedOrigin);
        using var read = await gateway.SendAsync(simple);

        Assert.True(allowed.IsSuccessStatusCode, $"preflight answered {(int)allowed.StatusCode}");
        Assert.Equal(ResilienceFixture.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("DELETE", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Contains("x-api-key", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Methods"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(ResilienceFixture.AllowedOrigin, read.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("RateLimit-Remaining", read.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/api-resources");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "DELETE");
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key");
        return request;
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"{(int)response.StatusCode} came without a body");
        var body = JsonDocument.Parse(text).RootElement;
        return body.TryGetProperty("error", out var error) ? error : body;
    }
}
