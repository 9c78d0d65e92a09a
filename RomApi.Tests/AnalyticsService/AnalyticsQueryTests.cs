using static RomApi.Tests.AnalyticsService.AnalyticsTestKit;

namespace RomApi.Tests.AnalyticsService;

public sealed class AnalyticsQueryTests(SystemFixture system) : AnalyticsTest(system)
{
    [Fact]
    public async Task Stats_are_for_the_owner_or_an_admin_only()
    {
        var owner = await Kit.NewUserAsync();
        var admin = await Kit.AdminAsync();
        var resource = await Kit.CreateResourceAsync(owner.Id);
        var path = $"/api/v1/analytics/resources/{resource}/stats";

        async Task<HttpStatusCode> StatusAsync(Caller caller, string? url = null)
        {
            using var client = Kit.GatewayAs(caller);
            using var response = await client.GetAsync(url ?? path);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(owner));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(admin));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(await Kit.ApiKeyAsync(owner, Permissions.AnalyticsRead)));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(Caller.Anonymous));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(await Kit.NewUserAsync("INDIVIDUAL")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(await Kit.ApiKeyAsync(owner, Permissions.ResourcesRead)));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(admin, $"/api/v1/analytics/resources/{Guid.NewGuid()}/stats"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(owner, path + "?interval=minute"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(owner, path + "?from=yesterday"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(owner, path + "?interval=hour&from=2020-01-01T00:00:00Z"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(owner, path + "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"));
    }

    [Fact]
    public async Task Default_stats_cover_30_days_with_every_day_listed()
    {
        var (owner, resource) = await Kit.NewOwnedResourceAsync();

        var stats = await Kit.StatsWhenAsync(resource, owner, "", _ => true);

        var buckets = stats["buckets"]!.AsArray();
        Assert.InRange(buckets.Count, 30, 31);
        Assert.All(buckets, b => Assert.Equal(0, b!["counts"]!["VIEW"]!.GetValue<long>()));
        Assert.Equal(resource, stats["resourceId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Zero_result_queries_are_listed_for_admins_only()
    {
        var marker = $"zq{Guid.NewGuid():N}"[..12];
        await Kit.PostInternalAsync(new
        {
            events = new object[]
            {
                new { eventType = "SEARCH", metadata = new { query = $"  {marker} Nowhere ", resultCount = 0, tookMs = 3 } },
                new { eventType = "SEARCH", metadata = new { query = $"{marker}   nowhere", resultCount = 0, tookMs = 2 } },
                new { eventType = "SEARCH", metadata = new { query = $"{marker} pharmacie", resultCount = 12, tookMs = 4 } },
            },
        });
        using var admin = Kit.GatewayAs(await Kit.AdminAsync());

        var zero = await Eventually.UntilAsync(async () =>
        {
            using var response = await admin.GetAsync("/api/v1/analytics/search/zero-results?period=1h&limit=100");
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsArray();
        }, list => list.Any(q => q!["query"]!.GetValue<string>().StartsWith(marker, StringComparison.Ordinal)), TimeSpan.FromSeconds(15), "the zero-result query");
        using var topResponse = await admin.GetAsync("/api/v1/analytics/search/top-queries?period=1h&limit=100");
        var top = JsonNode.Parse(await topResponse.Content.ReadAsStringAsync())!["data"]!.AsArray();

        var nowhere = zero.Single(q => q!["query"]!.GetValue<string>().StartsWith(marker, StringComparison.Ordinal))!;
        Assert.Equal($"{marker} nowhere", nowhere["query"]!.GetValue<string>());
        Assert.Equal(2, nowhere["zeroResultCount"]!.GetValue<long>());
        Assert.DoesNotContain(zero, q => q!["query"]!.GetValue<string>() == $"{marker} pharmacie");
        var pharmacie = top.Single(q => q!["query"]!.GetValue<string>() == $"{marker} pharmacie")!;
        Assert.Equal(12, pharmacie["averageResultCount"]!.GetValue<double>());

        foreach (var caller in new[] { Caller.Anonymous, await Kit.NewUserAsync() })
        {
            using var client = Kit.GatewayAs(caller);
            using var denied = await client.GetAsync("/api/v1/analytics/search/zero-results");
            using var deniedTop = await client.GetAsync("/api/v1/analytics/search/top-queries");
            Assert.Equal(caller == Caller.Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Equal(denied.StatusCode, deniedTop.StatusCode);
        }
    }

    [Fact]
    public async Task Usage_is_counted_per_day_and_per_key_for_the_caller_and_admins_may_ask_for_anyone()
    {
        var caller = await Kit.NewUserAsync();
        var user = caller.Id;
        var key = Guid.NewGuid();
        // The gateway records the user's real requests (today) too: the synthetic ones end yesterday and the range stops at today.
        var yesterday = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);
        var request = (DateTimeOffset at, Guid? apiKey) => new { eventType = "API_REQUEST", userId = (Guid?)user, apiKeyId = apiKey, createdAt = Iso(at),
            metadata = (object)new { route = "/api/v1/search", method = "GET", status = 200, durationMs = 12 } };
        // The gateway folds alike requests of one minute into one event with a count: this one stands for 5 requests.
        var folded = new { eventType = "API_REQUEST", userId = (Guid?)user, apiKeyId = (Guid?)key, createdAt = Iso(yesterday.AddMinutes(4)),
            metadata = (object)new { route = "/api/v1/search", method = "GET", status = 200, durationMs = 12.5, maxDurationMs = 30, count = 5 } };
        await Kit.PostInternalAsync(new
        {
            events = new[] { request(yesterday.AddDays(-1).AddHours(23.9), key), request(yesterday.AddMinutes(1), key), request(yesterday.AddMinutes(2), key), request(yesterday.AddMinutes(3), null), folded },
        });
        var range = $"from={Iso(yesterday.AddDays(-2))}&to={Iso(yesterday.AddDays(1))}";

        using var self = Kit.GatewayAs(caller);
        var usage = await Eventually.UntilAsync(async () =>
        {
            using var response = await self.GetAsync($"/api/v1/analytics/usage?{range}");
            return await ReadDataAsync(response);
        }, u => u["total"]!.GetValue<long>() == 9, TimeSpan.FromSeconds(15), "the usage");

        var days = usage["days"]!.AsArray().Select(d => (d!["date"]!.GetValue<string>(), d["count"]!.GetValue<long>())).ToList();
        Assert.Equal([(yesterday.AddDays(-2).ToString("yyyy-MM-dd"), 0L), (yesterday.AddDays(-1).ToString("yyyy-MM-dd"), 1L), (yesterday.ToString("yyyy-MM-dd"), 8L)], days);
        var keys = usage["keys"]!.AsArray().Select(k => (k!["apiKeyId"]?.GetValue<Guid>(), k["count"]!.GetValue<long>())).ToList();
        Assert.Equal([((Guid?)key, 8L), (null, 1L)], keys);

        using var admin = Kit.GatewayAs(await Kit.AdminAsync());
        using var adminResponse = await admin.GetAsync($"/api/v1/analytics/usage?{range}&userId={user}");
        Assert.Equal(9, (await ReadDataAsync(adminResponse))["total"]!.GetValue<long>());
        using var other = Kit.GatewayAs(await Kit.NewUserAsync());
        using var otherResponse = await other.GetAsync($"/api/v1/analytics/usage?userId={user}");
        Assert.Equal(HttpStatusCode.Forbidden, otherResponse.StatusCode);
        using var anonymous = Kit.GatewayAs(Caller.Anonymous);
        using var anonymousResponse = await anonymous.GetAsync("/api/v1/analytics/usage");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousResponse.StatusCode);
    }

    [Fact]
    public async Task Requests_through_the_gateway_reach_usage_folded_into_few_events_that_count_each_request()
    {
        var owner = await Kit.NewUserAsync();
        var key = await Kit.ApiKeyAsync(owner, "resources:read");
        using var withKey = Kit.GatewayAs(key);
        for (var i = 0; i < 7; i++)
        {
            using var response = await withKey.GetAsync("/api/v1/categories");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using var self = Kit.GatewayAs(owner);

        var usage = await Eventually.UntilAsync(async () =>
        {
            using var response = await self.GetAsync("/api/v1/analytics/usage");
            return await ReadDataAsync(response);
        }, u => u["keys"]!.AsArray().Any(k => k!["apiKeyId"] is not null && k["count"]!.GetValue<long>() >= 7), TimeSpan.FromSeconds(20), "the key's usage");

        var keyUsage = usage["keys"]!.AsArray().Single(k => k!["apiKeyId"] is not null)!;
        Assert.Equal(7, keyUsage["count"]!.GetValue<long>());
        var keyId = keyUsage["apiKeyId"]!.GetValue<Guid>();
        // Stored: one event per minute for the seven alike requests (two if they straddled a minute), counting all seven.
        var events = await Kit.QueryAnalyticsDbAsync<long>("SELECT count(*) FROM analytics_events WHERE api_key_id = @key", ("key", keyId));
        var requests = await Kit.QueryAnalyticsDbAsync<long>(
            "SELECT sum((metadata->>'count')::bigint)::bigint FROM analytics_events WHERE api_key_id = @key", ("key", keyId));
        Assert.InRange(events, 1, 2);
        Assert.Equal(7, requests);
    }

    [Fact]
    public async Task Top_resources_rank_by_event_count_from_the_rollup()
    {
        var busy = await Kit.CreateResourceAsync(Guid.NewGuid());
        var quiet = await Kit.CreateResourceAsync(Guid.NewGuid());
        // SHARE in the last hour is rare in the other tests, and 50 beats what they send.
        await Kit.PostInternalAsync(new { events = Enumerable.Repeat(busy, 50).Append(quiet).Select(r => new { resourceId = r, eventType = "SHARE" }) });
        using var client = Kit.GatewayAs(Caller.Anonymous);

        var top = await Eventually.UntilAsync(async () =>
        {
            using var response = await client.GetAsync("/api/v1/analytics/top?eventType=SHARE&period=2h&limit=100");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsArray();
        }, list => list.Any(r => r!["resourceId"]!.GetValue<Guid>() == quiet), TimeSpan.FromSeconds(15), "the top list");

        Assert.Equal(busy, top[0]!["resourceId"]!.GetValue<Guid>());
        Assert.Equal(50, top[0]!["count"]!.GetValue<long>());
    }
}
