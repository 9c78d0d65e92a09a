using static RomApi.Tests.ResourceService.ResourceTestClient;

namespace RomApi.Tests.ResourceService;

public sealed class IngestTests(SystemFixture system) : ResourceTestBase(system)
{
    [Fact]
    public async Task One_bad_item_never_sinks_the_batch_and_errors_name_index_code_and_field()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var items = new object[]
        {
            new { name = $"Pharmacie du Lac {tag}", resourceType = "BUSINESS", categorySlug = "Pharmacie", address = new { city = "Bafoussam" } },
            new { name = "", resourceType = "BUSINESS" },
            new { name = $"Bad enum {tag}", resourceType = "SPACESHIP" },
            new { name = $"Bad latitude {tag}", resourceType = "BUSINESS", address = new { latitude = 123.0, longitude = 10.0 } },
            new { name = new[] { 1 }, resourceType = "BUSINESS" },
            "not an object",
            new { name = $"Weather API {tag}", resourceType = "API", categorySlug = "API Weather", contact = new { website = "api.weather.example" } },
        };

        using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources/ingest", Owner, new { resources = items });
        var body = await ReadAsync(response);
        var result = body.GetProperty("data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(7, result.GetProperty("received").GetInt32());
        Assert.Equal(2, result.GetProperty("created").GetInt32());
        Assert.Equal(5, result.GetProperty("failed").GetInt32());
        var errors = result.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("index").GetInt32());
        Assert.Equal([1, 2, 3, 4, 5], errors.Keys.Order());
        Assert.Equal("VALIDATION_ERROR", errors[1].GetProperty("code").GetString());
        Assert.Equal("name", errors[1].GetProperty("field").GetString());
        Assert.Equal("resourceType", errors[2].GetProperty("field").GetString());
        Assert.Equal("address.latitude", errors[3].GetProperty("field").GetString());
        Assert.Equal("BAD_REQUEST", errors[4].GetProperty("code").GetString());

        var mine = await ListAsync($"/api/v1/api-resources?userId={OwnerId}&limit=100&sort=createdAt:desc", Owner);
        var pharmacy = mine.Single(r => r.GetProperty("name").GetString() == $"Pharmacie du Lac {tag}");
        Assert.Equal("pharmacie", pharmacy.GetProperty("category").GetProperty("slug").GetString());
        Assert.Equal("West", pharmacy.GetProperty("address").GetProperty("region").GetString());
        Assert.Equal("PENDING", pharmacy.GetProperty("status").GetString());
        var api = mine.Single(r => r.GetProperty("name").GetString() == $"Weather API {tag}");
        Assert.Equal("api-weather", api.GetProperty("category").GetProperty("slug").GetString());
        Assert.Equal("https://api.weather.example/", api.GetProperty("contact").GetProperty("website").GetString());
    }

    [Fact]
    public async Task Upsert_by_external_id_updates_in_place_dry_run_writes_nothing_and_create_mode_conflicts()
    {
        var externalId = "osm:node/" + Guid.NewGuid();
        var first = new { externalId, name = UniqueName("Station"), resourceType = "BUSINESS", description = "first" };
        var second = first with { description = "second" };

        var created = await IngestAsync(Admin, new { resources = new[] { first }, mode = "upsert", publish = true });
        Assert.Equal(1, created.GetProperty("created").GetInt32());
        var dry = await IngestAsync(Admin, new { resources = new[] { second }, mode = "upsert", dryRun = true });
        Assert.Equal(1, dry.GetProperty("updated").GetInt32());
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        var resource = (await ListAsync($"/api/v1/api-resources?userId={Admin.Id}&limit=100&sort=createdAt:desc", Anonymous)).Single(r => r.GetProperty("externalId").GetString() == externalId);
        Assert.Equal("first", resource.GetProperty("description").GetString());
        Assert.Equal("ACTIVE", resource.GetProperty("status").GetString());
        // Warm the cache so the upsert must refresh it.
        await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources/{Id(resource)}", Anonymous);

        var updated = await IngestAsync(Admin, new { resources = new[] { second }, mode = "upsert" });
        Assert.Equal(1, updated.GetProperty("updated").GetInt32());
        Assert.Equal(0, updated.GetProperty("created").GetInt32());
        var reread = (await ReadAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources/{Id(resource)}", Anonymous))).GetProperty("data");
        Assert.Equal("second", reread.GetProperty("description").GetString());
        Assert.Equal(resource.GetProperty("slug").GetString(), reread.GetProperty("slug").GetString());

        var conflict = await IngestAsync(Admin, new { resources = new[] { second }, mode = "create" });
        Assert.Equal("CONFLICT", conflict.GetProperty("errors")[0].GetProperty("code").GetString());
        var otherOwner = await IngestAsync(OtherUser, new { resources = new[] { second }, mode = "upsert" });
        Assert.Equal("FORBIDDEN", otherOwner.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Upsert_by_slug_updates_the_resource_with_that_slug_in_place_and_creates_no_second_one()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var slug = $"station-akwa-{tag}";
        var first = new { slug, name = "Station Akwa", resourceType = "BUSINESS", description = "first", address = new { city = "Douala" } };
        var second = new { slug, name = "Station Akwa Nord", resourceType = "SERVICE", description = "second", address = new { city = "Kribi" } };

        var created = await IngestAsync(Owner, new { resources = new[] { first }, mode = "upsert" });
        Assert.Equal((1, 0, 0), Counts(created));
        var before = await GetAsync($"/api/v1/api-resources/slug/{slug}");
        Assert.Equal("first", before.GetProperty("description").GetString());
        // Warm the cache by id too, so the upsert must refresh both.
        await GetAsync($"/api/v1/api-resources/{Id(before)}");

        var updated = await IngestAsync(Owner, new { resources = new[] { second }, mode = "upsert" });

        Assert.Equal((0, 1, 0), Counts(updated));
        foreach (var path in new[] { $"/api/v1/api-resources/slug/{slug}", $"/api/v1/api-resources/{Id(before)}" })
        {
            var after = await GetAsync(path);
            Assert.Equal(Id(before), Id(after));
            Assert.Equal(slug, after.GetProperty("slug").GetString());
            Assert.Equal("Station Akwa Nord", after.GetProperty("name").GetString());
            Assert.Equal("second", after.GetProperty("description").GetString());
            Assert.Equal("SERVICE", after.GetProperty("resourceType").GetString());
            Assert.Equal("South", after.GetProperty("address").GetProperty("region").GetString());
        }
        var mine = await ListAsync($"/api/v1/api-resources?userId={OwnerId}&limit=100", Owner);
        Assert.Equal(Id(before), Id(Assert.Single(mine)));
    }

    [Fact]
    public async Task Upsert_without_a_slug_matches_the_slug_of_the_name()
    {
        var name = UniqueName("Marché Central");
        var created = await IngestAsync(Owner, new { resources = new[] { new { name, resourceType = "BUSINESS", description = "first" } }, mode = "upsert" });
        var updated = await IngestAsync(Owner, new { resources = new[] { new { name, resourceType = "BUSINESS", description = "second" } }, mode = "upsert" });

        Assert.Equal((1, 0, 0), Counts(created));
        Assert.Equal((0, 1, 0), Counts(updated));
        var resource = Assert.Single(await ListAsync($"/api/v1/api-resources?userId={OwnerId}&limit=100", Owner));
        Assert.Equal("second", resource.GetProperty("description").GetString());
        Assert.Equal("second", (await GetAsync($"/api/v1/api-resources/slug/{resource.GetProperty("slug").GetString()}")).GetProperty("description").GetString());
    }

    [Fact]
    public async Task Ingest_needs_auth_admin_for_publish_or_more_than_1000_items_and_at_most_10000()
    {
        var one = new[] { new { name = UniqueName("One"), resourceType = "API" } };
        var many = Enumerable.Range(0, 1001).Select(i => new { name = $"Item {i}", resourceType = "API" }).ToArray();
        var tooMany = Enumerable.Range(0, 10_001).Select(i => new { name = "x", resourceType = "API" }).ToArray();

        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources/ingest", Anonymous, new { resources = one })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources/ingest", await Credentials.ApiKeyAsync(Owner, Permissions.ResourcesRead), new { resources = one })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources/ingest", Owner, new { resources = one, publish = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources/ingest", Owner, new { resources = many })).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources/ingest", Admin, new { resources = tooMany })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources/ingest", Admin, new { resources = one, mode = "merge" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources/ingest", Admin, new { resources = "nope" })).StatusCode);
    }

    private async Task<JsonElement> IngestAsync(Caller caller, object body)
    {
        using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources/ingest", caller, body);
        var json = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        return json.GetProperty("data");
    }

    private static (int Created, int Updated, int Failed) Counts(JsonElement result) =>
        (result.GetProperty("created").GetInt32(), result.GetProperty("updated").GetInt32(), result.GetProperty("failed").GetInt32());

    /// <summary>One resource as its owner reads it.</summary>
    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Api.SendAsync(HttpMethod.Get, path, Owner);
        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return body.GetProperty("data");
    }

    private async Task<List<JsonElement>> ListAsync(string path, Caller caller)
    {
        using var response = await Api.SendAsync(HttpMethod.Get, path, caller);
        return (await ReadAsync(response)).GetProperty("data").EnumerateArray().ToList();
    }
}
