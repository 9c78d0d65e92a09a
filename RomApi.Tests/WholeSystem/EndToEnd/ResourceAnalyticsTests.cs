namespace RomApi.Tests.WholeSystem.EndToEnd;

/// <summary>A resource's life through the gateway with real credentials, and the views its readers leave in its owner's stats.</summary>
[Collection(SystemCollection.Name)]
public sealed class ResourceAnalyticsTests(SystemFixture system)
{
    [Fact]
    public async Task A_published_resource_read_by_id_and_by_slug_shows_both_views_in_its_owners_stats()
    {
        using var people = await OwnerAndAdminAsync();
        var (owner, asOwner, asAdmin) = people;
        using var visitor = system.CreateGatewayClient();

        using var created = await asOwner.PostAsJsonAsync("/api/v1/api-resources",
            new { name = $"Boulangerie {Guid.NewGuid():N}"[..20], resourceType = "BUSINESS", address = new { city = "Douala" } });
        var resource = (await GatewayClients.ReadAsync(created, HttpStatusCode.Created)).GetProperty("data");
        var id = resource.GetProperty("id").GetGuid();
        var slug = resource.GetProperty("slug").GetString()!;
        Assert.Equal("PENDING", resource.GetProperty("status").GetString());
        Assert.Equal(owner.Id, resource.GetProperty("userId").GetGuid());
        using var publicBeforePublishing = await visitor.GetAsync($"/api/v1/api-resources/{id}");
        Assert.Equal(HttpStatusCode.NotFound, publicBeforePublishing.StatusCode);

        using var published = await asAdmin.PostAsync($"/api/v1/api-resources/{id}/publish", null);
        Assert.Equal("ACTIVE", (await GatewayClients.ReadAsync(published, HttpStatusCode.OK)).GetProperty("data").GetProperty("status").GetString());
        // Two readers (one view each per hour): a visitor by id, twice, and a signed-in reader by slug.
        await AnalyticsService.AnalyticsTestKit.AwayFromHourEdgeAsync();
        using var reader = (await system.Credentials.NewUserAsync()).GatewayClient(system);
        using var byId = await visitor.GetAsync($"/api/v1/api-resources/{id}");
        using var byIdAgain = await visitor.GetAsync($"/api/v1/api-resources/{id}");
        using var bySlug = await reader.GetAsync($"/api/v1/api-resources/slug/{slug}");
        Assert.Equal(id, (await GatewayClients.ReadAsync(byId, HttpStatusCode.OK)).GetProperty("data").GetProperty("id").GetGuid());
        Assert.Equal(id, (await GatewayClients.ReadAsync(bySlug, HttpStatusCode.OK)).GetProperty("data").GetProperty("id").GetGuid());

        // Views travel resource service -> analytics asynchronously; the 404 above was no view, nor is analytics asking who the owner is.
        var stats = await HourlyStatsOnceAsync(asOwner, id, views => views >= 2, "the two views in the owner's stats");
        Assert.Equal(2, Views(stats));
        Assert.Equal(id, stats.GetProperty("data").GetProperty("resourceId").GetGuid());
        using var notTheOwner = (await system.Credentials.NewUserAsync()).GatewayClient(system);
        using var denied = await notTheOwner.GetAsync($"/api/v1/analytics/resources/{id}/stats");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Many_reads_of_one_resource_by_a_few_clients_count_one_view_per_client_and_a_clients_count_is_not_trusted()
    {
        using var people = await OwnerAndAdminAsync();
        var (_, asOwner, asAdmin) = people;
        using var created = await asOwner.PostAsJsonAsync("/api/v1/api-resources",
            new { name = $"Librairie {Guid.NewGuid():N}"[..20], resourceType = "BUSINESS", address = new { city = "Yaoundé" } });
        var id = (await GatewayClients.ReadAsync(created, HttpStatusCode.Created)).GetProperty("data").GetProperty("id").GetGuid();
        using var published = await asAdmin.PostAsync($"/api/v1/api-resources/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        // More reads than one batch of events (500) takes, by four browsers (user agents) on one address: the resource service
        // folds alike reads into events with a count, and analytics counts one view per client and hour.
        await AnalyticsService.AnalyticsTestKit.AwayFromHourEdgeAsync();
        const int reads = 1_200;
        const int browsers = 4;
        using var visitor = system.CreateGatewayClient();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            var codes = new List<HttpStatusCode>();
            for (var i = 0; i < reads / 8; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/api-resources/{id}");
                request.Headers.UserAgent.ParseAdd($"Browser/{worker % browsers}");
                using var response = await visitor.SendAsync(request);
                codes.Add(response.StatusCode);
            }
            return codes;
        }));
        Assert.All(statuses.SelectMany(codes => codes), code => Assert.Equal(HttpStatusCode.OK, code));

        // A client may send a VIEW (a fifth client: no user agent), but its metadata.count does not multiply it.
        using var clientView = await visitor.PostAsJsonAsync("/api/v1/analytics/events",
            new { resourceId = id, eventType = "VIEW", metadata = new { count = 1_000_000 } });
        Assert.Equal(HttpStatusCode.Accepted, clientView.StatusCode);

        await HourlyStatsOnceAsync(asOwner, id, views => views >= browsers + 1, $"{browsers + 1} views in the owner's stats");
        // Every read has reached analytics once the resource service's queue is empty; give the last batch a moment to land.
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var final = await asOwner.GetAsync($"/api/v1/analytics/resources/{id}/stats?interval=hour");
        Assert.Equal(browsers + 1, Views(await GatewayClients.ReadAsync(final, HttpStatusCode.OK)));
    }

    private static long Views(JsonElement stats) => stats.GetProperty("data").GetProperty("totals").GetProperty("VIEW").GetInt64();

    /// <summary>A new owner and the seeded admin, each with a gateway client signed in as them.</summary>
    private async Task<OwnerAndAdmin> OwnerAndAdminAsync()
    {
        var owner = await system.Credentials.NewUserAsync();
        var admin = await system.Credentials.AdminAsync();
        return new(owner, owner.GatewayClient(system), admin.GatewayClient(system));
    }

    /// <summary>
    /// The owner's hourly stats of <paramref name="id"/> once their VIEW total satisfies <paramref name="enough"/>: views travel
    /// resource service -> analytics asynchronously.
    /// </summary>
    private static Task<JsonElement> HourlyStatsOnceAsync(HttpClient asOwner, Guid id, Func<long, bool> enough, string what) =>
        Eventually.UntilAsync(async () =>
        {
            using var response = await asOwner.GetAsync($"/api/v1/analytics/resources/{id}/stats?interval=hour");
            return await GatewayClients.ReadAsync(response, HttpStatusCode.OK);
        }, body => enough(Views(body)), TimeSpan.FromSeconds(30), what);

    private sealed record OwnerAndAdmin(Caller Owner, HttpClient AsOwner, HttpClient AsAdmin) : IDisposable
    {
        public void Dispose()
        {
            AsOwner.Dispose();
            AsAdmin.Dispose();
        }
    }
}
