using static RomApi.Tests.ResourceService.ResourceTestClient;

namespace RomApi.Tests.ResourceService;

public sealed class CategoriesTests(SystemFixture system) : ResourceTestBase(system)
{
    [Fact]
    public async Task The_default_tree_has_french_names_and_covers_the_shared_data_categories()
    {
        var tree = (await ReadAsync(await Api.SendAsync(HttpMethod.Get, "/api/v1/categories", Anonymous))).GetProperty("data");
        var flat = (await ReadAsync(await Api.SendAsync(HttpMethod.Get, "/api/v1/categories?flat=true", Anonymous))).GetProperty("data");

        var health = tree.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "sante");
        Assert.Equal("Santé", health.GetProperty("name").GetString());
        Assert.Contains(health.GetProperty("children").EnumerateArray(), c => c.GetProperty("slug").GetString() == "pharmacie");
        var slugs = flat.EnumerateArray().Select(c => c.GetProperty("slug").GetString()).ToHashSet();
        Assert.True(slugs.Count >= 200, $"only {slugs.Count} categories");
        Assert.Contains("api-weather", slugs);
        Assert.Contains("agence-de-voyages", slugs);

        using var one = await Api.SendAsync(HttpMethod.Get, "/api/v1/categories/apis-publiques", Anonymous);
        Assert.Equal(51, (await ReadAsync(one)).GetProperty("data").GetProperty("children").GetArrayLength());
    }

    [Fact]
    public async Task A_category_is_found_by_its_id_with_its_fields_and_sub_tree()
    {
        var slug = "par-id-" + Guid.NewGuid().ToString("N")[..8];
        using var parentResponse = await Api.SendAsync(HttpMethod.Post, "/api/v1/categories", Admin,
            new { name = "Catégorie par id", slug, description = "Found by its id", icon = "tag" });
        var parentId = Id((await ReadAsync(parentResponse)).GetProperty("data"));
        using var childResponse = await Api.SendAsync(HttpMethod.Post, "/api/v1/categories", Admin,
            new { name = "Sous-catégorie par id", slug = slug + "-enfant", parentId });
        var childId = Id((await ReadAsync(childResponse)).GetProperty("data"));

        foreach (var id in new[] { parentId, parentId.ToUpperInvariant() })
        {
            using var response = await Api.SendAsync(HttpMethod.Get, $"/api/v1/categories/{id}", Anonymous);
            var category = (await ReadAsync(response)).GetProperty("data");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(parentId, Id(category));
            Assert.Equal("Catégorie par id", category.GetProperty("name").GetString());
            Assert.Equal(slug, category.GetProperty("slug").GetString());
            Assert.Equal("Found by its id", category.GetProperty("description").GetString());
            Assert.Equal("tag", category.GetProperty("icon").GetString());
            Assert.Equal(JsonValueKind.Null, category.GetProperty("parentId").ValueKind);
            Assert.Equal(childId, Id(Assert.Single(category.GetProperty("children").EnumerateArray())));
        }
        using var child = await Api.SendAsync(HttpMethod.Get, $"/api/v1/categories/{childId}", Anonymous);
        var childData = (await ReadAsync(child)).GetProperty("data");
        Assert.Equal(slug + "-enfant", childData.GetProperty("slug").GetString());
        Assert.Equal(parentId, childData.GetProperty("parentId").GetString());

        // A seeded category too: pharmacie, found by slug, is the same category by id.
        var pharmacy = (await ReadAsync(await Api.SendAsync(HttpMethod.Get, "/api/v1/categories/pharmacie", Anonymous))).GetProperty("data");
        using var byId = await Api.SendAsync(HttpMethod.Get, $"/api/v1/categories/{Id(pharmacy)}", Anonymous);
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal("Pharmacie", (await ReadAsync(byId)).GetProperty("data").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, $"/api/v1/categories/{Guid.NewGuid()}", Anonymous)).StatusCode);
    }

    [Fact]
    public async Task Admins_create_update_and_delete_categories_with_401_403_404_409_422()
    {
        var slug = "test-" + Guid.NewGuid().ToString("N")[..8];
        var body = new { name = "Catégorie de test", slug, description = "A test category" };

        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(HttpMethod.Post, "/api/v1/categories", Anonymous, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Post, "/api/v1/categories", Owner, body)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Api.SendAsync(HttpMethod.Post, "/api/v1/categories", Admin, new { name = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await Api.SendAsync(HttpMethod.Post, "/api/v1/categories", Admin, new { name = "Orphan", parentId = Guid.NewGuid() })).StatusCode);
        using var created = await Api.SendAsync(HttpMethod.Post, "/api/v1/categories", Admin, body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = Id((await ReadAsync(created)).GetProperty("data"));
        Assert.Equal(HttpStatusCode.Conflict, (await Api.SendAsync(HttpMethod.Post, "/api/v1/categories", Admin, body)).StatusCode);
        var flat = (await ReadAsync(await Api.SendAsync(HttpMethod.Get, "/api/v1/categories?flat=true", Anonymous))).GetProperty("data");
        Assert.Contains(flat.EnumerateArray(), c => c.GetProperty("slug").GetString() == slug);

        var resource = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Categorised"), resourceType = "BUSINESS", categoryId = id });
        using var renamed = await Api.SendAsync(HttpMethod.Put, $"/api/v1/categories/{id}", Admin, new { name = "Renommée", slug });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var reread = (await ReadAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources/{Id(resource)}", Anonymous))).GetProperty("data");
        Assert.Equal("Renommée", reread.GetProperty("category").GetProperty("name").GetString());
        Assert.Equal("Renommée", (await ReadAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/categories/{slug}", Anonymous))).GetProperty("data").GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Api.SendAsync(HttpMethod.Put, $"/api/v1/categories/{id}", Admin, new { name = "Loop", slug, parentId = id })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Put, $"/api/v1/categories/{Guid.NewGuid()}", Admin, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Api.SendAsync(HttpMethod.Delete, $"/api/v1/categories/{id}", Admin)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Delete, $"/api/v1/categories/{id}", Owner)).StatusCode);

        var unused = Id((await ReadAsync(await Api.SendAsync(HttpMethod.Post, "/api/v1/categories", Admin, new { name = "Éphémère " + slug }))).GetProperty("data"));
        Assert.Equal(HttpStatusCode.NoContent, (await Api.SendAsync(HttpMethod.Delete, $"/api/v1/categories/{unused}", Admin)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, $"/api/v1/categories/{unused}", Anonymous)).StatusCode);
    }

    [Fact]
    public async Task When_the_cache_loses_the_categories_a_change_made_meanwhile_still_shows_on_the_next_read()
    {
        // Each replica keeps the category payloads in process under the version Redis holds. Redis losing its data (a restart)
        // must not bring a copy from before a change back: the version after the loss must not match one a copy was kept under.
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync((await Fixture.App.GetConnectionStringAsync("cache"))!);
        async Task LoseCategoryKeysAsync()
        {
            foreach (var endpoint in redis.GetEndPoints())
            {
                await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: RomApi.ResourceService.Caching.ResourceCache.CategoryKeyPrefix + "*"))
                {
                    await redis.GetDatabase().KeyDeleteAsync(key);
                }
            }
        }
        async Task<HashSet<string?>> FlatSlugsAsync() =>
            (await ReadAsync(await Api.SendAsync(HttpMethod.Get, "/api/v1/categories?flat=true", Anonymous))).GetProperty("data")
                .EnumerateArray().Select(c => c.GetProperty("slug").GetString()).ToHashSet();
        var slug = "perdue-" + Guid.NewGuid().ToString("N")[..8];

        // Read under no version at all, then a change, then the loss again, with no read in between (as on a replica that served
        // nothing meanwhile): what it read before the change must not come back.
        await LoseCategoryKeysAsync();
        Assert.DoesNotContain(slug, await FlatSlugsAsync());
        using var created = await Api.SendAsync(HttpMethod.Post, "/api/v1/categories", Admin, new { name = "Catégorie perdue", slug });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await LoseCategoryKeysAsync();

        Assert.Contains(slug, await FlatSlugsAsync());
        using var bySlug = await Api.SendAsync(HttpMethod.Get, $"/api/v1/categories/{slug}", Anonymous);
        Assert.Equal(HttpStatusCode.OK, bySlug.StatusCode);
    }
}
