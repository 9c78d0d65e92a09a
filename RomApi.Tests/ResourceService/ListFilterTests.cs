using static RomApi.Tests.ResourceService.ResourceTestClient;

namespace RomApi.Tests.ResourceService;

/// <summary>
/// Each list filter keeps exactly the resources that match. Every list is narrowed to the test's own fresh owner
/// (<c>userId</c>), so the shared system's other resources never take part; the filter under test does the rest.
/// </summary>
public sealed class ListFilterTests(SystemFixture system) : ResourceTestBase(system)
{
    [Fact]
    public async Task CategoryId_keeps_only_the_resources_of_that_category()
    {
        var pharmacy = await CategoryIdAsync("pharmacie");
        var cafe = await CategoryIdAsync("cafe");
        var byId = await PublishedAsync(new { name = UniqueName("Pharmacie A"), resourceType = "BUSINESS", categoryId = pharmacy });
        var bySlug = await PublishedAsync(new { name = UniqueName("Pharmacie B"), resourceType = "BUSINESS", categorySlug = "pharmacie" });
        var inCafe = await PublishedAsync(new { name = UniqueName("Café"), resourceType = "BUSINESS", categoryId = cafe });
        await PublishedAsync(new { name = UniqueName("Sans catégorie"), resourceType = "BUSINESS" });

        AssertSameIds([byId, bySlug], await ListIdsAsync($"categoryId={pharmacy}"));
        AssertSameIds([inCafe], await ListIdsAsync($"categoryId={cafe}"));
    }

    [Fact]
    public async Task Region_matches_a_given_region_and_one_filled_in_from_the_city()
    {
        var given = await PublishedAsync(new { name = UniqueName("Given region"), resourceType = "BUSINESS", address = new { region = "Littoral" } });
        // Douala is in the Littoral region: the gazetteer fills it in.
        var fromCity = await PublishedAsync(new { name = UniqueName("From city"), resourceType = "BUSINESS", address = new { city = "Douala" } });
        var west = await PublishedAsync(new { name = UniqueName("Elsewhere"), resourceType = "BUSINESS", address = new { city = "Bafoussam" } });
        await PublishedAsync(new { name = UniqueName("Nowhere"), resourceType = "BUSINESS" });

        AssertSameIds([given, fromCity], await ListIdsAsync("region=Littoral"));
        AssertSameIds([west], await ListIdsAsync("region=West"));
    }

    [Fact]
    public async Task Plan_keeps_only_the_resources_on_that_plan()
    {
        var premium = await PublishedAsync(new { name = UniqueName("Premium"), resourceType = "SERVICE" });
        var featured = await PublishedAsync(new { name = UniqueName("Featured"), resourceType = "SERVICE" });
        var free = await PublishedAsync(new { name = UniqueName("Free"), resourceType = "SERVICE" });
        await SetPlanAsync(premium, "PREMIUM");
        await SetPlanAsync(featured, "FEATURED");

        AssertSameIds([premium], await ListIdsAsync("plan=PREMIUM"));
        AssertSameIds([featured], await ListIdsAsync("plan=FEATURED"));
        AssertSameIds([free], await ListIdsAsync("plan=FREE"));
    }

    [Fact]
    public async Task Verified_keeps_the_verified_or_the_unverified_resources()
    {
        var verified = await PublishedAsync(new { name = UniqueName("Verified"), resourceType = "DATA" });
        var unverified = await PublishedAsync(new { name = UniqueName("Unverified"), resourceType = "DATA" });
        using var verify = await Api.SendAsync(HttpMethod.Post, $"/api/v1/api-resources/{verified}/verify", Admin);
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);

        AssertSameIds([verified], await ListIdsAsync("verified=true"));
        AssertSameIds([unverified], await ListIdsAsync("verified=false"));
    }

    [Fact]
    public async Task Sort_updated_at_desc_puts_the_last_changed_first()
    {
        // Created (and published) first, second, third; then second changed, then first: the last change decides.
        var first = await PublishedAsync(new { name = UniqueName("First"), resourceType = "API" });
        var second = await PublishedAsync(new { name = UniqueName("Second"), resourceType = "API" });
        var third = await PublishedAsync(new { name = UniqueName("Third"), resourceType = "API" });
        foreach (var id in new[] { second, first })
        {
            using var patched = await Api.SendAsync(HttpMethod.Patch, $"/api/v1/api-resources/{id}", Owner, new { description = "changed" });
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        Assert.Equal([first, second, third], await ListIdsAsync("sort=updatedAt:desc"));
        Assert.Equal([third, second, first], await ListIdsAsync("sort=createdAt:desc"));
    }

    private async Task<string> PublishedAsync(object body) => Id(await Api.CreatePublishedAsync(Owner, body));

    private async Task<string> CategoryIdAsync(string slug)
    {
        using var response = await Api.SendAsync(HttpMethod.Get, $"/api/v1/categories/{slug}", Anonymous);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Id((await ReadAsync(response)).GetProperty("data"));
    }

    private async Task SetPlanAsync(string id, string plan)
    {
        using var response = await Api.SendAsync(HttpMethod.Patch, $"/api/v1/api-resources/{id}", Admin, new { plan });
        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(plan, body.GetProperty("data").GetProperty("plan").GetString());
    }

    /// <summary>The ids of the owner's resources that <paramref name="filter"/> keeps, as an anonymous caller lists them, in order.</summary>
    private async Task<List<string>> ListIdsAsync(string filter)
    {
        using var response = await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources?userId={OwnerId}&limit=100&{filter}", Anonymous);
        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{filter}: {(int)response.StatusCode} {body}");
        var ids = body.GetProperty("data").EnumerateArray().Select(Id).ToList();
        Assert.Equal(ids.Count, body.GetProperty("meta").GetProperty("total").GetInt64());
        return ids;
    }

    private static void AssertSameIds(IEnumerable<string> expected, IEnumerable<string> actual) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
}
