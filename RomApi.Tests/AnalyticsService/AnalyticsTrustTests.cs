using static RomApi.Tests.AnalyticsService.AnalyticsTestKit;

namespace RomApi.Tests.AnalyticsService;

/// <summary>
/// Numbers nobody can bend (issue 26): bounded dates, the server's clock for public events, one counted view per client and hour,
/// no way to tell a hidden resource from an unknown one, top lists of readable resources only. Through the gateway, real system.
/// </summary>
public sealed class AnalyticsTrustTests(SystemFixture system) : AnalyticsTest(system)
{
    [Theory]
    [InlineData("/api/v1/analytics/usage?to=9999-12-31T23:59:59.9999999Z", "to")]
    [InlineData("/api/v1/analytics/usage?to=0001-01-01T00:00:00-05:00", "to")]
    [InlineData("/api/v1/analytics/usage?from=0001-01-01T00:00:00Z", "from")]
    [InlineData("/api/v1/analytics/resources/{id}/stats?interval=week&to=9999-12-29", "to")]
    [InlineData("/api/v1/analytics/resources/{id}/stats?interval=hour&to=9999-12-31T23:59:59.9999999Z", "to")]
    [InlineData("/api/v1/analytics/resources/{id}/stats?interval=day&from=1969-12-31T23:00:00Z", "from")]
    [InlineData("/api/v1/analytics/resources/{id}/stats?interval=fortnight", "interval")]
    [InlineData("/api/v1/analytics/top?period=9999d", "period")]
    public async Task Dates_and_ranges_out_of_bounds_are_400_naming_the_parameter(string path, string parameter)
    {
        var (owner, resource) = await Kit.NewOwnedResourceAsync();
        using var client = Kit.GatewayAs(owner);

        using var response = await client.GetAsync(path.Replace("{id}", resource.ToString(), StringComparison.Ordinal));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BAD_REQUEST", error["code"]!.GetValue<string>());
        Assert.StartsWith($"{parameter} ", error["message"]!.GetValue<string>());
        Assert.Equal(parameter, error["details"]![0]!["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("NOPE", 400, null)]
    [InlineData("API_REQUEST", 400, null)]
    [InlineData("SEARCH", 400, null)]
    [InlineData("click", 200, "CLICK")]
    public async Task The_top_list_ranks_by_an_event_about_a_resource_and_refuses_any_other_name(string eventType, int status, string? ranked)
    {
        using var client = Kit.GatewayAs(Caller.Anonymous);

        using var response = await client.GetAsync($"/api/v1/analytics/top?eventType={eventType}");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(status, (int)response.StatusCode);
        if (ranked is null)
        {
            Assert.Equal("eventType must be one of VIEW, CLICK, CONTACT, SHARE.", body["error"]!["message"]!.GetValue<string>());
            Assert.Equal("eventType", body["error"]!["details"]![0]!["field"]!.GetValue<string>());
        }
        else
        {
            Assert.Equal(ranked, body["meta"]!["eventType"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_public_events_createdAt_is_ignored_it_is_dated_when_received()
    {
        var (owner, resource) = await Kit.NewOwnedResourceAsync();
        using var client = Kit.GatewayAs(Caller.Anonymous);
        var before = DateTimeOffset.UtcNow;

        using var response = await client.PostAsJsonAsync("/api/v1/analytics/events", new
        {
            events = new object[]
            {
                new { resourceId = resource, eventType = "CLICK", createdAt = Iso(before.AddDays(-20)) },
                new { resourceId = resource, eventType = "SHARE", createdAt = Iso(before.AddHours(3)) },
            },
        });
        var data = await ReadDataAsync(response);

        Assert.Equal(2, data["accepted"]!.GetValue<int>());
        await Kit.StatsWhenAsync(resource, owner, "interval=hour", s => Total(s, "CLICK") == 1 && Total(s, "SHARE") == 1);
        var oldest = await Kit.QueryAnalyticsDbAsync<DateTime>("SELECT min(created_at) FROM analytics_events WHERE resource_id = @r", ("r", resource));
        var newest = await Kit.QueryAnalyticsDbAsync<DateTime>("SELECT max(created_at) FROM analytics_events WHERE resource_id = @r", ("r", resource));
        Assert.InRange(new DateTimeOffset(oldest, TimeSpan.Zero), before.AddMinutes(-1), DateTimeOffset.UtcNow);
        Assert.InRange(new DateTimeOffset(newest, TimeSpan.Zero), before.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task One_view_is_counted_per_client_per_resource_per_hour()
    {
        await AwayFromHourEdgeAsync();
        var (owner, resource) = await Kit.NewOwnedResourceAsync();
        var repeatedBefore = await Kit.MetricAsync("romapi_analytics_views_repeated_total");
        using var anonymous = Kit.GatewayAs(Caller.Anonymous);
        async Task ViewAsync(HttpClient client, string userAgent)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/analytics/events")
            {
                Content = JsonContent.Create(new { resourceId = resource, eventType = "VIEW" }),
            };
            request.Headers.UserAgent.ParseAdd(userAgent);
            using var response = await client.SendAsync(request);
            Assert.Equal(1, (await ReadDataAsync(response))["accepted"]!.GetValue<int>());
        }

        // One browser five times, a second browser on the same network, a signed-in user twice: three clients.
        for (var i = 0; i < 5; i++)
        {
            await ViewAsync(anonymous, "Browser/1");
        }
        await ViewAsync(anonymous, "Browser/2");
        using var user = Kit.GatewayAs(await Kit.NewUserAsync());
        await ViewAsync(user, "Browser/1");
        await ViewAsync(user, "Browser/3");
        // The resource service's reads of one client, folded with a count, are one view too; another address is another client.
        await Kit.PostInternalAsync(new
        {
            events = new object[]
            {
                new { resourceId = resource, eventType = "VIEW", ipAddress = "203.0.113.7", userAgent = "Reader/1", metadata = new { count = 40 } },
                new { resourceId = resource, eventType = "VIEW", ipAddress = "203.0.113.7", userAgent = "Reader/1" },
                new { resourceId = resource, eventType = "VIEW", ipAddress = "198.51.100.7", userAgent = "Reader/1" },
            },
        });

        await Eventually.UntilAsync(() => Kit.MetricAsync("romapi_analytics_views_repeated_total"),
            value => value - repeatedBefore >= 6, TimeSpan.FromSeconds(15), "the repeated views to be skipped");
        var stats = await Kit.StatsWhenAsync(resource, owner, "interval=hour", s => Total(s, "VIEW") >= 5);
        Assert.Equal(5, Total(stats, "VIEW"));
        Assert.Equal(5, await Kit.StoredEventCountAsync(resource));
    }

    [Fact]
    public async Task Someone_elses_hidden_resource_is_answered_exactly_like_an_unknown_id()
    {
        var owner = await Kit.NewUserAsync();
        var pending = await Kit.CreateResourceAsync(owner.Id, "PENDING");
        var suspended = await Kit.CreateResourceAsync(owner.Id, "SUSPENDED");
        var unknown = Guid.NewGuid();
        using var anonymous = Kit.GatewayAs(Caller.Anonymous);
        using var stranger = Kit.GatewayAs(await Kit.NewUserAsync());

        async Task<(int Accepted, string? Code, string? Message)> EventAsync(HttpClient client, Guid id)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/analytics/events", new { resourceId = id, eventType = "CLICK" });
            var data = await ReadDataAsync(response);
            var error = data["errors"]!.AsArray().FirstOrDefault();
            return (data["accepted"]!.GetValue<int>(), error?["code"]?.GetValue<string>(),
                error?["message"]?.GetValue<string>().Replace(id.ToString(), "{id}", StringComparison.Ordinal));
        }
        async Task<(HttpStatusCode Status, string Body)> StatsAsync(Guid id)
        {
            using var response = await stranger.GetAsync($"/api/v1/analytics/resources/{id}/stats");
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
            return (response.StatusCode, $"{error["code"]}: {error["message"]!.GetValue<string>().Replace(id.ToString(), "{id}", StringComparison.Ordinal)}");
        }

        var forUnknown = await EventAsync(anonymous, unknown);
        Assert.Equal((0, "UNKNOWN_RESOURCE"), (forUnknown.Accepted, forUnknown.Code));
        Assert.Equal(forUnknown, await EventAsync(anonymous, pending));
        Assert.Equal(forUnknown, await EventAsync(anonymous, suspended));
        Assert.Equal(forUnknown, await EventAsync(stranger, pending));
        var statsOfUnknown = await StatsAsync(unknown);
        Assert.Equal(HttpStatusCode.NotFound, statsOfUnknown.Status);
        Assert.Equal(statsOfUnknown, await StatsAsync(pending));
        Assert.Equal(statsOfUnknown, await StatsAsync(suspended));
        // The owner may still count and read what is theirs.
        using var asOwner = Kit.GatewayAs(owner);
        Assert.Equal((1, null, null), await EventAsync(asOwner, pending));
        await Kit.StatsWhenAsync(pending, owner, "interval=day", s => Total(s, "CLICK") == 1);
        Assert.Equal(0, await Kit.StoredEventCountAsync(suspended));
    }

    [Fact]
    public async Task Top_lists_hold_only_resources_the_caller_may_read_now()
    {
        var owner = await Kit.NewUserAsync();
        var active = await Kit.CreateResourceAsync(owner.Id);
        var pending = await Kit.CreateResourceAsync(owner.Id, "PENDING");
        var deleted = await Kit.CreateResourceAsync(owner.Id);
        // Far more CONTACTs than any other test sends, so all three would lead the list.
        await Kit.PostInternalAsync(new
        {
            events = new[] { (active, 3_000_000), (pending, 2_000_000), (deleted, 1_000_000) }
                .Select(e => new { resourceId = e.Item1, eventType = "CONTACT", metadata = new { count = e.Item2 } }),
        });
        using var admin = Kit.GatewayAs(await Kit.AdminAsync());
        using var deletion = await admin.DeleteAsync($"/api/v1/api-resources/{deleted}");
        Assert.True(deletion.IsSuccessStatusCode, $"delete: {(int)deletion.StatusCode}");

        async Task<List<Guid>> TopAsync(HttpClient client)
        {
            using var response = await client.GetAsync("/api/v1/analytics/top?eventType=CONTACT&period=2h&limit=3");
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
            return [.. JsonNode.Parse(text)!["data"]!.AsArray().Select(item => item!["resourceId"]!.GetValue<Guid>())];
        }
        using var anonymous = Kit.GatewayAs(Caller.Anonymous);
        using var asOwner = Kit.GatewayAs(owner);

        var forAnyone = await Eventually.UntilAsync(() => TopAsync(anonymous), top => top.Contains(active), TimeSpan.FromSeconds(15), "the active resource on top");
        var forOwner = await TopAsync(asOwner);
        var forAdmin = await TopAsync(admin);

        Assert.Equal(active, forAnyone[0]);
        Assert.DoesNotContain(pending, forAnyone);
        Assert.DoesNotContain(deleted, forAnyone);
        Assert.Equal([active, pending], forOwner.Take(2));
        Assert.DoesNotContain(deleted, forOwner);
        Assert.Equal([active, pending], forAdmin.Take(2));
        Assert.DoesNotContain(deleted, forAdmin);
    }
}
