using RomApi.Tests.ResourceService;

namespace RomApi.Tests.Gateway;

/// <summary>
/// The gateway's response cache through the running system: public reads by id or slug and public list pages are answered from a
/// shared copy (with the same body, ETag and conditional answers as the service's), users with tokens always reach the service,
/// writes through the gateway evict at once (a list page with any resource's change), and a hit still leaves its VIEW in analytics.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ResponseCacheTests(SystemFixture system)
{
    private readonly ResourceTestClient _resources = new(system);

    private async Task<(string Id, string Slug, Caller Owner)> PublishedAsync(string prefix)
    {
        var owner = await system.Credentials.NewUserAsync();
        var resource = await _resources.CreatePublishedAsync(owner,
            new { name = ResourceTestClient.UniqueName(prefix), resourceType = "BUSINESS", address = new { city = "Douala" } });
        return (ResourceTestClient.Id(resource), resource.GetProperty("slug").GetString()!, owner);
    }

    private static string? CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Cache", out var values) ? values.Single() : null;

    /// <summary>
    /// Reads until an answer comes from the gateway's copy, and returns it with the miss that stored it. A copy stored within a
    /// moment of a write (the publish) can be evicted once more by the change feed's second pass, so the first repeat may miss.
    /// </summary>
    private static async Task<(string MissBody, EntityTagHeaderValue? MissETag, HttpResponseMessage Hit)> ReadUntilHitAsync(
        HttpClient client, string path, string? userAgent = null)
    {
        var (body, etag) = ("", (EntityTagHeaderValue?)null);
        var hit = await Eventually.UntilAsync<HttpResponseMessage?>(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (userAgent is not null)
            {
                request.Headers.UserAgent.ParseAdd(userAgent);
            }
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (CacheStatus(response) != "HIT")
            {
                Assert.Equal("MISS", CacheStatus(response));
                (body, etag) = (await response.Content.ReadAsStringAsync(), response.Headers.ETag);
                Assert.False(response.Headers.Contains("X-RomApi-Shared-Max-Age"));
                response.Dispose();
                return null;
            }
            return response;
        }, response => response is not null, TimeSpan.FromSeconds(15), $"a cache hit on {path}");
        return (body, etag, hit!);
    }

    [Fact]
    public async Task A_second_anonymous_read_by_id_or_slug_is_a_hit_with_the_same_body_and_etag_and_never_shows_the_shared_header()
    {
        var (id, slug, _) = await PublishedAsync("Cached read");
        using var gateway = system.CreateGatewayClient();

        foreach (var path in new[] { $"/api/v1/api-resources/{id}", $"/api/v1/api-resources/slug/{slug}" })
        {
            var (missBody, missETag, hit) = await ReadUntilHitAsync(gateway, path);
            using var second = hit;

            Assert.Equal(missBody, await second.Content.ReadAsStringAsync());
            Assert.Equal(missETag, second.Headers.ETag);
            Assert.NotNull(second.Headers.ETag);
            Assert.Equal("application/json; charset=utf-8", second.Content.Headers.ContentType?.ToString());
            Assert.False(second.Headers.Contains("X-RomApi-Shared-Max-Age"));
            Assert.True(second.Headers.Contains("RateLimit-Remaining"));

            using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
            conditional.Headers.IfNoneMatch.Add(second.Headers.ETag!);
            using var notModified = await gateway.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal("HIT", CacheStatus(notModified));
            Assert.Equal(second.Headers.ETag, notModified.Headers.ETag);
        }
    }

    [Fact]
    public async Task An_api_key_read_is_answered_from_a_shared_copy()
    {
        var (id, _, owner) = await PublishedAsync("Key read");
        var key = await system.Credentials.ApiKeyAsync(owner, "resources:read");
        using var anonymous = system.CreateGatewayClient();
        using var withKey = key.GatewayClient(system);

        var (missBody, _, hit) = await ReadUntilHitAsync(withKey, $"/api/v1/api-resources/{id}");
        using var read = hit;

        Assert.Equal(missBody, await read.Content.ReadAsStringAsync());
        using var anonymousRead = await anonymous.GetAsync($"/api/v1/api-resources/{id}");
        Assert.Equal(HttpStatusCode.OK, anonymousRead.StatusCode);
    }

    [Fact]
    public async Task A_users_reads_are_never_cached_and_its_own_pending_resource_stays_its_own()
    {
        var owner = await system.Credentials.NewUserAsync();
        var pending = await _resources.CreateAsync(owner, new { name = ResourceTestClient.UniqueName("Pending"), resourceType = "API" });
        var (publicId, _, _) = await PublishedAsync("User read");
        using var asOwner = owner.GatewayClient(system);
        using var anonymous = system.CreateGatewayClient();

        for (var i = 0; i < 2; i++)
        {
            using var own = await asOwner.GetAsync($"/api/v1/api-resources/{ResourceTestClient.Id(pending)}");
            using var other = await asOwner.GetAsync($"/api/v1/api-resources/{publicId}");
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.Null(CacheStatus(own));
            Assert.Null(CacheStatus(other));
            Assert.False(own.Headers.Contains("X-RomApi-Shared-Max-Age"));
            Assert.False(other.Headers.Contains("X-RomApi-Shared-Max-Age"));
        }
        using var notPublic = await anonymous.GetAsync($"/api/v1/api-resources/{ResourceTestClient.Id(pending)}");
        Assert.Equal(HttpStatusCode.NotFound, notPublic.StatusCode);
    }

    [Fact]
    public async Task An_update_or_a_suspension_through_the_gateway_makes_the_next_read_a_miss_with_what_changed()
    {
        var (id, slug, owner) = await PublishedAsync("Changing");
        using var anonymous = system.CreateGatewayClient();
        using var asOwner = owner.GatewayClient(system);
        using var admin = (await system.Credentials.AdminAsync()).GatewayClient(system);
        (await ReadUntilHitAsync(anonymous, $"/api/v1/api-resources/{id}")).Hit.Dispose();
        (await ReadUntilHitAsync(anonymous, $"/api/v1/api-resources/slug/{slug}")).Hit.Dispose();

        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/api-resources/{id}")
        {
            Content = new StringContent("""{"description":"Changed through the gateway"}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        using var patched = await asOwner.SendAsync(patch);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        foreach (var path in new[] { $"/api/v1/api-resources/{id}", $"/api/v1/api-resources/slug/{slug}" })
        {
            using var after = await anonymous.GetAsync(path);
            Assert.Equal("MISS", CacheStatus(after));
            Assert.Contains("Changed through the gateway", await after.Content.ReadAsStringAsync());
            Assert.Equal(patched.Headers.ETag, after.Headers.ETag);
        }

        using var suspended = await admin.PostAsync($"/api/v1/api-resources/{id}/suspend", null);
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        using var gone = await anonymous.GetAsync($"/api/v1/api-resources/{id}");
        using var goneBySlug = await anonymous.GetAsync($"/api/v1/api-resources/slug/{slug}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, goneBySlug.StatusCode);
    }

    [Fact]
    public async Task A_hit_records_the_view_the_resource_service_would_have()
    {
        var (id, _, owner) = await PublishedAsync("Viewed");
        using var asOwner = owner.GatewayClient(system);
        using var anonymous = system.CreateGatewayClient();
        await AnalyticsService.AnalyticsTestKit.AwayFromHourEdgeAsync();

        // One client (address and user agent) reads through misses until a hit; then new clients read once each until one of
        // them is answered by a hit. Every client is one view, whoever answered it: a hit must leave the same event a miss does.
        (await ReadUntilHitAsync(anonymous, $"/api/v1/api-resources/{id}", "Reader/0")).Hit.Dispose();
        var clients = 1;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/api-resources/{id}");
            request.Headers.UserAgent.ParseAdd($"Reader/{clients++}");
            using var response = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (CacheStatus(response) == "HIT")
            {
                break;
            }
            Assert.True(clients < 10, "no read of a new client was a hit");
        }

        var stats = await Eventually.UntilAsync(async () =>
        {
            using var response = await asOwner.GetAsync($"/api/v1/analytics/resources/{id}/stats?interval=hour");
            return await GatewayClients.ReadAsync(response, HttpStatusCode.OK);
        }, body => Views(body) >= clients, TimeSpan.FromSeconds(30), $"{clients} views in the owner's stats");
        // Every read has reached analytics by now; give the last batch a moment to land, then nothing more may come.
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var final = await asOwner.GetAsync($"/api/v1/analytics/resources/{id}/stats?interval=hour");
        Assert.Equal(clients, Views(await GatewayClients.ReadAsync(final, HttpStatusCode.OK)));
    }

    [Fact]
    public async Task A_public_list_page_is_shared_and_a_create_or_a_change_to_any_resource_shows_on_the_next_read()
    {
        var city = ResourceTestClient.UniqueName("Listville");
        var owner = await system.Credentials.NewUserAsync();
        await _resources.CreatePublishedAsync(owner, new { name = ResourceTestClient.UniqueName("Listed"), resourceType = "BUSINESS", address = new { city } });
        var key = await system.Credentials.ApiKeyAsync(owner, "resources:read");
        var path = $"/api/v1/api-resources?city={Uri.EscapeDataString(city)}&limit=10";
        using var anonymous = system.CreateGatewayClient();
        using var withKey = key.GatewayClient(system);
        using var asOwner = owner.GatewayClient(system);

        var (missBody, _, hit) = await ReadUntilHitAsync(anonymous, path);
        using (hit)
        {
            Assert.Equal(missBody, await hit.Content.ReadAsStringAsync());
            Assert.Equal(1, Total(missBody));
        }
        using (var keyRead = await withKey.GetAsync(path))
        {
            Assert.Equal("HIT", CacheStatus(keyRead));
            Assert.Equal(missBody, await keyRead.Content.ReadAsStringAsync());
        }

        // A pending resource is its owner's alone: the owner's token reaches the service, anonymous callers miss and still see one.
        var pending = await _resources.CreateAsync(owner, new { name = ResourceTestClient.UniqueName("Unlisted"), resourceType = "BUSINESS", address = new { city } });
        using (var own = await asOwner.GetAsync(path))
        {
            Assert.Null(CacheStatus(own));
            Assert.Equal(2, Total(await own.Content.ReadAsStringAsync()));
        }
        using (var afterCreate = await anonymous.GetAsync(path))
        {
            Assert.Equal("MISS", CacheStatus(afterCreate));
            Assert.Equal(1, Total(await afterCreate.Content.ReadAsStringAsync()));
        }

        // Publishing a resource that no kept page shows yet: the next read of the page is a miss that shows it.
        (await ReadUntilHitAsync(anonymous, path)).Hit.Dispose();
        using var published = await _resources.SendAsync(HttpMethod.Post, $"/api/v1/api-resources/{ResourceTestClient.Id(pending)}/publish",
            await system.Credentials.AdminAsync());
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        using var afterPublish = await anonymous.GetAsync(path);
        Assert.Equal("MISS", CacheStatus(afterPublish));
        Assert.Equal(2, Total(await afterPublish.Content.ReadAsStringAsync()));
    }

    private static long Total(string listBody) => JsonDocument.Parse(listBody).RootElement.GetProperty("meta").GetProperty("total").GetInt64();

    private static long Views(JsonElement stats) => stats.GetProperty("data").GetProperty("totals").GetProperty("VIEW").GetInt64();
}
