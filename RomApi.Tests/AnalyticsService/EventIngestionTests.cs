using static RomApi.Tests.AnalyticsService.AnalyticsTestKit;

namespace RomApi.Tests.AnalyticsService;

public sealed class EventIngestionTests(SystemFixture system) : AnalyticsTest(system)
{
    [Fact]
    public async Task Views_sent_by_the_resource_service_are_counted_in_the_owners_stats_once_per_client()
    {
        await AwayFromHourEdgeAsync();
        var (owner, resource) = await Kit.NewOwnedResourceAsync();

        var result = await Kit.PostInternalAsync(new
        {
            events = new[] { "203.0.113.77", "203.0.113.77", "203.0.113.78", "198.51.100.1" }
                .Select(address => new { resourceId = resource, eventType = "VIEW", userAgent = "test", ipAddress = address }),
        });

        // Accepted all, counted once per client: 203.0.113.77 and .78 are one network (/24) with one user agent.
        Assert.Equal(4, result["accepted"]!.GetValue<int>());
        var stats = await Kit.StatsWhenAsync(resource, owner, "interval=day", s => Total(s, "VIEW") == 2);
        Assert.Equal(0, Total(stats, "CLICK"));
        Assert.Equal(2, await Kit.StoredEventCountAsync(resource));
        // Stored as the network only.
        Assert.Equal("203.0.113.0/24", await Kit.QueryAnalyticsDbAsync<string>(
            "SELECT max(ip_address::text) FROM analytics_events WHERE resource_id = @r", ("r", resource)));
    }

    [Fact]
    public async Task Owners_see_the_stats_of_their_pending_resources()
    {
        var owner = await Kit.NewUserAsync();
        using var gateway = Kit.GatewayAs(owner);
        using var created = await gateway.PostAsJsonAsync("/api/v1/api-resources", new { name = $"Pending {Guid.NewGuid():N}", resourceType = "BUSINESS" });
        var resource = (await ReadDataAsync(created))["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        // The analytics service asks the resource service who owns the resource, which answers services even while it is PENDING.
        var result = await Kit.PostInternalAsync(new { events = new[] { new { resourceId = resource, eventType = "CONTACT" } } });

        Assert.Equal(1, result["accepted"]!.GetValue<int>());
        var stats = await Kit.StatsWhenAsync(resource, owner, "interval=day", s => Total(s, "CONTACT") == 1);
        Assert.Equal(0, Total(stats, "VIEW"));
        // Someone else learns nothing, not even that it exists: the answer of an unknown id.
        using var stranger = Kit.GatewayAs(await Kit.NewUserAsync());
        using var denied = await stranger.GetAsync($"/api/v1/analytics/resources/{resource}/stats");
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
    }

    [Fact]
    public async Task Client_events_through_the_gateway_are_counted_with_user_agent_and_truncated_network()
    {
        var (owner, resource) = await Kit.NewOwnedResourceAsync();
        using var client = Kit.GatewayAs(Caller.Anonymous);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/analytics/events")
        {
            Content = JsonContent.Create(new { events = new object[] { new { resourceId = resource, eventType = "CLICK" }, new { resourceId = resource, eventType = "share", referrer = "https://example.cm/x" } } }),
        };
        request.Headers.UserAgent.ParseAdd("AnalyticsTest/1.0");

        using var response = await client.SendAsync(request);
        var data = await ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, data["accepted"]!.GetValue<int>());
        Assert.Equal(0, data["rejected"]!.GetValue<int>());
        var stats = await Kit.StatsWhenAsync(resource, owner, "interval=hour", s => Total(s, "CLICK") == 1 && Total(s, "SHARE") == 1);
        Assert.Equal(0, Total(stats, "VIEW"));
        Assert.Equal("AnalyticsTest/1.0", await Kit.QueryAnalyticsDbAsync<string>(
            "SELECT min(user_agent) FROM analytics_events WHERE resource_id = @r", ("r", resource)));
        // The gateway's X-Forwarded-For (the test client is on loopback), truncated to /24.
        Assert.Equal("127.0.0.0/24", await Kit.QueryAnalyticsDbAsync<string>(
            "SELECT min(ip_address::text) FROM analytics_events WHERE resource_id = @r", ("r", resource)));
    }

    [Fact]
    public async Task Ipv6_networks_are_stored_as_slash_48()
    {
        var resource = await Kit.CreateResourceAsync(Guid.NewGuid());

        await Kit.PostInternalAsync(new { events = new[] { new { resourceId = resource, eventType = "VIEW", ipAddress = "2001:db8:1234:5678::1" } } });

        var network = await Eventually.UntilAsync(
            () => Kit.QueryAnalyticsDbAsync<string>("SELECT min(ip_address::text) FROM analytics_events WHERE resource_id = @r", ("r", resource)),
            value => value is not null, TimeSpan.FromSeconds(15), "the IPv6 event");
        Assert.Equal("2001:db8:1234::/48", network);
    }

    [Fact]
    public async Task A_retried_event_with_the_same_id_counts_once()
    {
        var (owner, resource) = await Kit.NewOwnedResourceAsync();
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToArray();
        // The second id twice in one batch, then the whole batch retried, then one id again through the public endpoint.
        var batch = new { events = new[] { ids[0], ids[1], ids[1], ids[2] }.Select(id => new { id, resourceId = resource, eventType = "VIEW" }) };
        var duplicatesBefore = await Kit.MetricAsync("romapi_analytics_events_duplicate_total");

        var first = await Kit.PostInternalAsync(batch);
        var retry = await Kit.PostInternalAsync(batch);
        using var client = Kit.GatewayAs(Caller.Anonymous);
        using var publicRetry = await client.PostAsJsonAsync("/api/v1/analytics/events", new { id = ids[0], resourceId = resource, eventType = "VIEW" });
        await ReadDataAsync(publicRetry);

        // Retries are accepted (the client cannot tell a lost answer from a lost request) and skipped when written:
        // once all 6 duplicates have been skipped, every copy has been through the writer.
        Assert.Equal(4, first["accepted"]!.GetValue<int>());
        Assert.Equal(4, retry["accepted"]!.GetValue<int>());
        await Eventually.UntilAsync(() => Kit.MetricAsync("romapi_analytics_events_duplicate_total"),
            value => value - duplicatesBefore >= 6, TimeSpan.FromSeconds(15), "the duplicates to be skipped");
        var stats = await Kit.StatsWhenAsync(resource, owner, "interval=day", s => Total(s, "VIEW") >= 3);
        Assert.Equal(3, Total(stats, "VIEW"));
        Assert.Equal(3, await Kit.StoredEventCountAsync(resource));
        Assert.Equal(6, await Kit.MetricAsync("romapi_analytics_events_duplicate_total") - duplicatesBefore);
    }

    [Fact]
    public async Task Counts_fall_in_the_right_hour_and_day_buckets_across_boundaries_with_empty_buckets_zero_filled()
    {
        var (owner, resource) = await Kit.NewOwnedResourceAsync();
        var midnight = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-2);
        var times = new[]
        {
            midnight.AddHours(-1).AddMinutes(-30),   // 22:30 of day D-1
            midnight.AddMilliseconds(-1),            // 23:59:59.999 of day D-1
            midnight,                                // 00:00 of day D
            midnight.AddMinutes(59).AddSeconds(59),  // 00:59:59 of day D
            midnight.AddHours(1),                    // 01:00 of day D
            midnight.AddHours(3).AddMinutes(10),     // 03:10 of day D (02:00 stays empty)
        };

        await Kit.PostInternalAsync(new { events = times.Select(t => new { resourceId = resource, eventType = "VIEW", createdAt = Iso(t) }) });

        var from = Iso(midnight.AddHours(-2));
        var to = Iso(midnight.AddHours(4));
        var hourly = await Kit.StatsWhenAsync(resource, owner, $"interval=hour&from={from}&to={to}", s => Total(s, "VIEW") == 6);
        var perHour = hourly["buckets"]!.AsArray().Select(b => (Start: b!["start"]!.GetValue<DateTimeOffset>(), Views: b["counts"]!["VIEW"]!.GetValue<long>())).ToList();
        Assert.Equal(
            [(midnight.AddHours(-2), 1L), (midnight.AddHours(-1), 1L), (midnight, 2L), (midnight.AddHours(1), 1L), (midnight.AddHours(2), 0L), (midnight.AddHours(3), 1L)],
            perHour);
        Assert.All(hourly["buckets"]!.AsArray(), b => Assert.Equal(0, b!["counts"]!["CLICK"]!.GetValue<long>()));

        var daily = await Kit.StatsWhenAsync(resource, owner, $"interval=day&from={Iso(midnight.AddDays(-2))}&to={Iso(midnight.AddDays(1))}", s => true);
        var perDay = daily["buckets"]!.AsArray().Select(b => b!["counts"]!["VIEW"]!.GetValue<long>()).ToList();
        Assert.Equal([0L, 2L, 4L], perDay);
        Assert.Equal("day", daily["interval"]!.GetValue<string>());
    }

    [Fact]
    public async Task Week_buckets_start_on_monday_utc()
    {
        var (owner, resource) = await Kit.NewOwnedResourceAsync();
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));

        await Kit.PostInternalAsync(new { events = new[] { monday.AddSeconds(-1), monday }.Select(t => new { resourceId = resource, eventType = "CONTACT", createdAt = Iso(t) }) });

        var weekly = await Kit.StatsWhenAsync(resource, owner, $"interval=week&from={Iso(monday.AddDays(-3))}", s => Total(s, "CONTACT") == 2);
        var buckets = weekly["buckets"]!.AsArray();
        Assert.Equal(monday.AddDays(-7), buckets[0]!["start"]!.GetValue<DateTimeOffset>());
        Assert.Equal(1, buckets[0]!["counts"]!["CONTACT"]!.GetValue<long>());
        Assert.Equal(1, buckets[1]!["counts"]!["CONTACT"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_events_table_is_partitioned_by_month_with_partitions_created_ahead()
    {
        var kind = await Kit.QueryAnalyticsDbAsync<char>("SELECT relkind FROM pg_class WHERE relname = 'analytics_events'");
        var now = DateTime.UtcNow;
        var ahead = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(2);

        Assert.Equal('p', kind);
        await Eventually.UntilAsync(
            () => Kit.QueryAnalyticsDbAsync<long>("SELECT count(*) FROM pg_inherits WHERE inhparent = 'analytics_events'::regclass AND inhrelid = to_regclass(@name)",
                ("name", $"analytics_events_{ahead:yyyy_MM}")),
            count => count == 1, TimeSpan.FromSeconds(15), "the partition two months ahead");
    }

    [Fact]
    public async Task Ingestion_metrics_are_exported()
    {
        var resource = await Kit.CreateResourceAsync(Guid.NewGuid());
        await Kit.PostInternalAsync(new { events = new[] { new { resourceId = resource, eventType = "VIEW" } } });
        using var client = Fixture.App.CreateHttpClient("analyticsservice");

        var text = await Eventually.UntilAsync(() => client.GetStringAsync("/metrics"),
            t => t.Contains("romapi_analytics_events_ingested", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the ingestion counter");

        Assert.Contains("romapi_analytics_buffer_depth", text);
        Assert.Contains("romapi_analytics_write_duration_seconds", text);
    }
}
