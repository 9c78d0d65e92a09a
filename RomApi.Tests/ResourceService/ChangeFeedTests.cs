using RomApi.Contracts;
using RomApi.Contracts.Changes;
using RomApi.Contracts.Resources;
using StackExchange.Redis;
using static RomApi.Tests.ResourceService.ResourceTestClient;

namespace RomApi.Tests.ResourceService;

public sealed class ChangeFeedTests(SystemFixture system) : ResourceTestBase(system)
{
    [Fact]
    public async Task Every_write_appears_in_order_with_a_snapshot_and_a_pubsub_wake_up()
    {
        var cache = await Fixture.App.GetConnectionStringAsync("cache");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(cache!);
        var announced = new List<long>();
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(ChangeFeedEndpoint.RedisChannel), (_, message) =>
        {
            lock (announced)
            {
                announced.Add((long)message);
            }
        });
        var start = (await FeedAsync(0, 1000, int.MaxValue)).Meta;

        var created = await Api.CreateAsync(Owner, new { name = UniqueName("Fed"), resourceType = "DATA" });
        var path = $"/api/v1/api-resources/{Id(created)}";
        await Api.SendAsync(HttpMethod.Patch, path, Owner, new { description = "changed" });
        await Api.SendAsync(HttpMethod.Post, path + "/publish", Admin);
        await Api.SendAsync(HttpMethod.Post, path + "/verify", Admin);
        await Api.SendAsync(HttpMethod.Post, path + "/suspend", Admin);
        await Api.SendAsync(HttpMethod.Delete, path, Admin);

        var events = (await FeedAsync(start, 1000, int.MaxValue)).Events.Where(e => e.GetProperty("resourceId").GetString() == Id(created)).ToList();
        Assert.Equal(["CREATED", "UPDATED", "PUBLISHED", "VERIFIED", "SUSPENDED", "DELETED"], events.Select(e => e.GetProperty("type").GetString()));
        var sequences = events.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal("changed", events[1].GetProperty("resource").GetProperty("description").GetString());
        Assert.Equal("ACTIVE", events[2].GetProperty("resource").GetProperty("status").GetString());
        Assert.True(events[3].GetProperty("resource").GetProperty("verified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, events[5].GetProperty("resource").ValueKind);
        await Eventually.UntilAsync(() => Task.FromResult(Snapshot(announced).Contains(sequences[^1])), found => found, TimeSpan.FromSeconds(10),
            $"the last sequence announced on {ChangeFeedEndpoint.RedisChannel}");

        var paged = await FeedAsync(start, 2, int.MaxValue);
        Assert.Equal(2, paged.Events.Count);
        Assert.Equal(paged.Events[1].GetProperty("sequence").GetInt64(), paged.Meta);
    }

    [Fact]
    public async Task The_feed_reads_back_into_the_contract_types_and_the_search_document()
    {
        var start = (await FeedAsync(0, 1000, int.MaxValue)).Meta;
        var name = UniqueName("Typed");
        var created = await Api.CreatePublishedAsync(Owner, new
        {
            name,
            resourceType = "BUSINESS",
            description = "Boulangerie à Yaoundé",
            address = new { city = "Yaoundé", latitude = 3.8667, longitude = 11.5167 },
            contact = new { phone = "+237 6 99 00 00 00" },
        });

        using var response = await FeedResponseAsync($"{ChangeFeedEndpoint.Path}?after={start}&limit={ChangeFeedEndpoint.MaxLimit}");
        var page = await response.Content.ReadFromJsonAsync<ChangeFeedPage<ApiResourceDto>>(ContractJson.Options);

        var published = Assert.Single(page!.Data, e => e.ResourceId.ToString() == Id(created) && e.Type == ChangeType.Published);
        var snapshot = published.Resource!;
        Assert.Equal(name, snapshot.Name);
        Assert.Equal(ResourceType.Business, snapshot.ResourceType);
        Assert.Equal(ResourceStatus.Active, snapshot.Status);
        Assert.Equal("Yaoundé", snapshot.Address.City);
        Assert.Equal("CM", snapshot.Address.Country);
        Assert.NotNull(snapshot.PublishedAt);
        Assert.Equal(created.GetProperty("slug").GetString(), snapshot.Slug);
        var document = ChangeOperations.ToDocument(snapshot);
        Assert.NotNull(document);
        Assert.Equal((name, "Yaoundé", 3.8667, 11.5167), (document.Name, document.City, document.Latitude!.Value, document.Longitude!.Value));
        Assert.Equal(snapshot.PublishedAt, document.PublishedAt);
    }

    [Fact]
    public async Task The_feed_needs_a_service_token_and_is_not_routed_by_the_gateway()
    {
        using var anonymous = await Api.SendToServiceAsync(HttpMethod.Get, "/internal/changes", null);
        using var asUser = await Api.SendToServiceAsync(HttpMethod.Get, "/internal/changes",
            new PlatformIdentity(Admin.Id, "admin@romapi.local", PlatformIdentity.AdminUserType, "ENTERPRISE", null, []));
        // Not even a signed-in admin who also presents a valid service token (the gateway strips it) reaches the feed.
        var serviceToken = await Api.ServiceTokenAsync("searchservice");
        using var viaGateway = await Api.SendAsync(HttpMethod.Get, "/internal/changes", Admin,
            configure: request => request.Headers.Add(PlatformTokenService.HeaderName, serviceToken));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asUser.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, viaGateway.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await FeedResponseAsync("/internal/changes?after=-1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await FeedResponseAsync("/internal/changes?limit=0")).StatusCode);
    }

    [Fact]
    public async Task Metrics_show_cache_hits_and_misses_and_resource_counts()
    {
        var created = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Counted"), resourceType = "BUSINESS" });
        for (var i = 0; i < 3; i++)
        {
            await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources/{Id(created)}", Anonymous);
        }
        using var client = Fixture.App.CreateHttpClient("resourceservice");

        var metrics = await Eventually.UntilAsync(() => client.GetStringAsync("/metrics"),
            text => text.Contains("api_resources_total{") && text.Contains("status=\"ACTIVE\""), TimeSpan.FromSeconds(30), "api_resources_total");
        Assert.Contains("romapi_cache_hits", metrics);
        Assert.Contains("romapi_cache_misses", metrics);
        Assert.Contains("cache=\"resource\"", metrics);
        Assert.Contains("type=\"BUSINESS\"", metrics);
    }

    private static List<long> Snapshot(List<long> announced)
    {
        lock (announced)
        {
            return [.. announced];
        }
    }

    private Task<HttpResponseMessage> FeedResponseAsync(string path) =>
        Api.SendToServiceAsync(HttpMethod.Get, path, PlatformIdentity.Service("searchservice"));

    private async Task<(List<JsonElement> Events, long Meta)> FeedAsync(long after, int limit, int _)
    {
        var all = new List<JsonElement>();
        var cursor = after;
        while (true)
        {
            using var response = await FeedResponseAsync($"/internal/changes?after={cursor}&limit={Math.Min(limit, 1000)}");
            var body = await ReadAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
            var page = body.GetProperty("data").EnumerateArray().ToList();
            all.AddRange(page);
            cursor = body.GetProperty("meta").GetProperty("lastSequence").GetInt64();
            if (page.Count < 1000 || all.Count >= limit)
            {
                return (all, cursor);
            }
        }
    }
}
