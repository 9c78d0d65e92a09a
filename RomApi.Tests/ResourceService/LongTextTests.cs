using static RomApi.Tests.ResourceService.BadInputChecks;
using static RomApi.Tests.ResourceService.ResourceTestClient;

namespace RomApi.Tests.ResourceService;

/// <summary>
/// A 1 MB string where POST /api-resources is not the way in (see <see cref="BadInputTests"/> for that): a PATCH, an image,
/// opening hours, a category, an ingest item. Each is refused with a 422 naming the field and writes nothing.
/// </summary>
public sealed class LongTextTests(SystemFixture system) : ResourceTestBase(system)
{
    public static TheoryData<string> CategoryFields => new() { "name", "slug", "description", "icon" };

    public static TheoryData<string> ImageFields => new() { "url", "altText" };

    [Theory]
    [MemberData(nameof(BadInputTests.LongFields), MemberType = typeof(BadInputTests))]
    public async Task A_one_megabyte_string_in_a_patch_is_refused_and_changes_nothing(string field)
    {
        var created = await Api.CreateAsync(Owner, new { name = UniqueName("Patched"), resourceType = "API", description = "kept" });
        var path = $"/api/v1/api-resources/{Id(created)}";
        var before = await Api.LastSequenceAsync();

        using var response = await Api.SendAsync(HttpMethod.Patch, path, Owner, rawBody: JsonSerializer.Serialize(Nest(field, Megabyte, new())));

        await AssertFieldErrorAsync(response, field, field);
        Assert.Equal(before, await Api.LastSequenceAsync());
        using var read = await Api.SendAsync(HttpMethod.Get, path, Owner);
        Assert.Equal(created.GetProperty("updatedAt").GetString(), (await ReadAsync(read)).GetProperty("data").GetProperty("updatedAt").GetString());
    }

    [Theory]
    [MemberData(nameof(ImageFields))]
    public async Task A_one_megabyte_string_in_an_image_is_refused_and_adds_nothing(string field)
    {
        var resource = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Pictured"), resourceType = "BUSINESS" });
        var path = $"/api/v1/api-resources/{Id(resource)}/images";
        var before = await Api.LastSequenceAsync();

        using var response = await Api.SendAsync(HttpMethod.Post, path, Owner,
            Nest(field, Megabyte, new Dictionary<string, object?> { ["url"] = "https://img.example.cm/a.jpg", ["altText"] = "Façade" }));

        await AssertFieldErrorAsync(response, field, field);
        Assert.Equal(before, await Api.LastSequenceAsync());
        Assert.Empty((await ReadAsync(await Api.SendAsync(HttpMethod.Get, path, Anonymous))).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task A_one_megabyte_string_in_opening_hours_is_refused_and_changes_nothing()
    {
        var resource = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Open"), resourceType = "BUSINESS" });
        var path = $"/api/v1/api-resources/{Id(resource)}/hours";
        var before = await Api.LastSequenceAsync();
        var week = Enumerable.Range(0, 7)
            .Select(day => new { dayOfWeek = day, openTime = day == 3 ? Megabyte : "08:00", closeTime = "18:00", isClosed = false }).ToArray();

        using var response = await Api.SendAsync(HttpMethod.Put, path, Owner, week);

        await AssertFieldErrorAsync(response, "hours[3].openTime", "1 MB openTime");
        Assert.Equal(before, await Api.LastSequenceAsync());
        Assert.Empty((await ReadAsync(await Api.SendAsync(HttpMethod.Get, path, Anonymous))).GetProperty("data").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(CategoryFields))]
    public async Task A_one_megabyte_string_in_a_category_is_refused_on_create_and_update_and_writes_nothing(string field)
    {
        var slug = "long-" + Guid.NewGuid().ToString("N")[..8];
        using var existing = await Api.SendAsync(HttpMethod.Post, "/api/v1/categories", Admin, new { name = "Catégorie longue", slug, description = "kept", icon = "tag" });
        Assert.Equal(HttpStatusCode.Created, existing.StatusCode);
        var id = Id((await ReadAsync(existing)).GetProperty("data"));
        var before = await FlatCategoriesAsync();
        Dictionary<string, object?> Body() => Nest(field, Megabyte, new Dictionary<string, object?> { ["name"] = "Catégorie longue", ["slug"] = slug });

        using var created = await Api.SendAsync(HttpMethod.Post, "/api/v1/categories", Admin, Body());
        await AssertFieldErrorAsync(created, field, $"POST {field}");
        using var replaced = await Api.SendAsync(HttpMethod.Put, $"/api/v1/categories/{id}", Admin, Body());
        await AssertFieldErrorAsync(replaced, field, $"PUT {field}");

        var after = await FlatCategoriesAsync();
        Assert.Equal(before.Count, after.Count);
        var unchanged = after.Single(c => Id(c) == id);
        Assert.Equal(("Catégorie longue", slug, "kept", "tag"), (unchanged.GetProperty("name").GetString(), unchanged.GetProperty("slug").GetString(),
            unchanged.GetProperty("description").GetString(), unchanged.GetProperty("icon").GetString()));
    }

    [Fact]
    public async Task A_one_megabyte_string_in_an_ingest_item_fails_that_item_and_writes_nothing()
    {
        var before = await Api.LastSequenceAsync();
        var items = new[] { Nest("description", Megabyte, new Dictionary<string, object?> { ["name"] = UniqueName("Long"), ["resourceType"] = "API" }) };

        using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources/ingest", Owner, new { resources = items });

        var result = (await ReadAsync(response)).GetProperty("data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((0, 1), (result.GetProperty("created").GetInt32(), result.GetProperty("failed").GetInt32()));
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(("VALIDATION_ERROR", "description"), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));
        Assert.Equal(before, await Api.LastSequenceAsync());
        using var mine = await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources?userId={OwnerId}", Owner);
        Assert.Empty((await ReadAsync(mine)).GetProperty("data").EnumerateArray());
    }

    private async Task<List<JsonElement>> FlatCategoriesAsync()
    {
        using var response = await Api.SendAsync(HttpMethod.Get, "/api/v1/categories?flat=true", Anonymous);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadAsync(response)).GetProperty("data").EnumerateArray().ToList();
    }
}
