using static RomApi.Tests.ResourceService.BadInputChecks;
using static RomApi.Tests.ResourceService.ResourceTestClient;

namespace RomApi.Tests.ResourceService;

/// <summary>
/// The bad-input matrix: every refusal is a 4xx in the error envelope and writes nothing (checked on the change feed and by
/// the owner's list). SQL metacharacters and emoji are data, not errors: stored and returned exactly, never interpreted.
/// </summary>
public sealed class BadInputTests(SystemFixture system) : ResourceTestBase(system)
{
    private const string Nasty = TextSamples.Nasty;
    private const string NastyPostalCode = "';--%_🦁";
    private const string NastyEmail = TextSamples.NastyEmail;
    private const string NastyWebsite = TextSamples.NastyWebsite;

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "{\"name\": \"x\", ", "truncated JSON" },
        { "not json at all", "plain text" },
        { "[1,2,3]", "an array instead of an object" },
        { "{\"name\": 42, \"resourceType\": \"API\"}", "number for a string" },
        { "{\"name\": \"x\", \"resourceType\": \"API\", \"address\": {\"latitude\": \"north\"}}", "string for a number" },
        { "{\"name\": \"x\", \"resourceType\": \"API\", \"categoryId\": \"not-a-uuid\"}", "bad uuid" },
        { "", "empty body" },
        { "{\"name\": \"half \\ud83d emoji\", \"resourceType\": \"API\"}", "an unpaired surrogate (half an emoji)" },
    };

    public static TheoryData<string, string> InvalidResources => new()
    {
        { "{\"name\": \"x\", \"resourceType\": \"SPACESHIP\"}", "resourceType" },
        { "{\"name\": \"x\", \"resourceType\": \"API\", \"plan\": \"GOLD\"}", "plan" },
        { "{\"name\": \"x\", \"resourceType\": \"API\", \"plan\": \"PREMIUM\"}", "plan" },
        { "{\"name\": \"x\"}", "resourceType" },
        { "{\"resourceType\": \"API\"}", "name" },
        { "{\"name\": \"x\", \"resourceType\": \"1\"}", "resourceType" },
        { "{\"name\": \"x\", \"resourceType\": \"API\", \"address\": {\"latitude\": 91, \"longitude\": 10}}", "address.latitude" },
        { "{\"name\": \"x\", \"resourceType\": \"API\", \"address\": {\"latitude\": 10, \"longitude\": -181}}", "address.longitude" },
        { "{\"name\": \"x\", \"resourceType\": \"API\", \"address\": {\"latitude\": 10}}", "address.latitude" },
        { "{\"name\": \"x\", \"resourceType\": \"API\", \"address\": {\"country\": \"CMR\"}}", "address.country" },
        { "{\"name\": \"x\", \"resourceType\": \"API\", \"contact\": {\"email\": \"not-an-email\"}}", "contact.email" },
        { "{\"name\": \"x\", \"resourceType\": \"API\", \"contact\": {\"website\": \"ftp://files.example.cm\"}}", "contact.website" },
        { "{\"name\": \"x\", \"resourceType\": \"API\", \"contact\": {\"phone\": \"call me maybe\"}}", "contact.phone" },
        { "{\"name\": \"x\", \"resourceType\": \"API\", \"categoryId\": \"00000000-0000-0000-0000-000000000001\"}", "categoryId" },
        { "{\"name\": \"x\", \"resourceType\": \"API\", \"slug\": \"Not A Slug\"}", "slug" },
        { "{\"name\": \"nul\\u0000byte\", \"resourceType\": \"API\"}", "name" },
    };

    public static TheoryData<string> LongFields => new()
    {
        "name", "description", "externalId", "slug", "address.addressLine1", "address.addressLine2", "address.city", "address.region",
        "address.postalCode", "address.country",
        "contact.phone", "contact.email", "contact.website", "seo.metaTitle", "seo.metaDescription", "categorySlug",
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_bodies_and_wrong_types_are_400_and_write_nothing(string body, string what)
    {
        var before = await LastSequenceAsync();
        using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources", Owner, rawBody: body);

        await AssertErrorAsync(response, 400, "BAD_REQUEST", what);
        Assert.Equal(before, await LastSequenceAsync());
    }

    [Theory]
    [MemberData(nameof(InvalidResources))]
    public async Task Invalid_values_are_422_with_the_field_and_write_nothing(string body, string field)
    {
        var before = await LastSequenceAsync();
        using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources", Owner, rawBody: body);

        var error = await AssertErrorAsync(response, 422, "VALIDATION_ERROR", body);
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == field);
        Assert.Equal(before, await LastSequenceAsync());
    }

    [Theory]
    [MemberData(nameof(LongFields))]
    public async Task A_one_megabyte_string_in_any_field_is_refused_and_writes_nothing(string field)
    {
        var before = await LastSequenceAsync();
        var body = Nest(field, Megabyte, new Dictionary<string, object?> { ["name"] = "Long", ["resourceType"] = "API" });

        using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources", Owner, rawBody: JsonSerializer.Serialize(body));

        var error = await AssertErrorAsync(response, 422, "VALIDATION_ERROR", field);
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == field);
        Assert.Equal(before, await LastSequenceAsync());
    }

    [Fact]
    public async Task Bad_bodies_on_put_patch_hours_images_categories_and_ingest_are_4xx_and_change_nothing()
    {
        var created = await Api.CreateAsync(Owner, new { name = UniqueName("Target"), resourceType = "API" });
        var path = $"/api/v1/api-resources/{Id(created)}";
        var before = await LastSequenceAsync();

        var cases = new (HttpMethod Method, string Path, string Body, int Status)[]
        {
            (HttpMethod.Put, path, "{\"name\": ", 400),
            (HttpMethod.Put, path, "{\"name\": \"x\", \"resourceType\": \"NOPE\"}", 422),
            (HttpMethod.Patch, path, "{\"address\": {\"latitude\": \"high\"}}", 400),
            (HttpMethod.Patch, path, "[\"not\", \"an\", \"object\"]", 400),
            (HttpMethod.Patch, path, "{\"name\": null}", 422),
            (HttpMethod.Put, path + "/hours", "{\"dayOfWeek\": 1}", 400),
            (HttpMethod.Put, path + "/hours", "[]", 422),
            (HttpMethod.Post, path + "/images", "{\"url\": 5}", 400),
            (HttpMethod.Post, path + "/images", "{\"url\": \"not a url\"}", 422),
            (HttpMethod.Post, "/api/v1/categories", "{\"name\": 1}", 400),
            (HttpMethod.Post, "/api/v1/api-resources/ingest", "{\"resources\": [", 400),
            (HttpMethod.Post, "/api/v1/api-resources/ingest", "{\"resources\": [{\"name\": \"\", \"resourceType\": \"API\"}], \"dryRun\": \"yes\"}", 400),
        };
        foreach (var (method, target, body, status) in cases)
        {
            using var response = await Api.SendAsync(method, target, method == HttpMethod.Post && target.StartsWith("/api/v1/categories") ? Admin : Owner, rawBody: body);
            await AssertErrorAsync(response, status, null, $"{method} {target} {body}");
        }
        Assert.Equal(before, await LastSequenceAsync());
    }

    [Fact]
    public async Task Sql_metacharacters_and_emoji_in_every_text_field_are_stored_verbatim_and_never_interpreted()
    {
        var externalId = Nasty + Guid.NewGuid();
        var created = await Api.CreateAsync(Owner, new
        {
            name = Nasty,
            description = Nasty,
            externalId,
            resourceType = "BUSINESS",
            address = new { addressLine1 = Nasty, addressLine2 = Nasty, city = Nasty, region = Nasty, postalCode = NastyPostalCode },
            contact = new { email = NastyEmail, website = NastyWebsite },
            seo = new { metaTitle = Nasty, metaDescription = Nasty },
        });
        using var read = await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources/{Id(created)}", Owner);
        var data = (await ReadAsync(read)).GetProperty("data");

        foreach (var field in new[] { "name", "description", "address.addressLine1", "address.addressLine2", "address.city", "address.region", "seo.metaTitle", "seo.metaDescription" })
        {
            Assert.Equal(Nasty, Field(data, field));
        }
        Assert.Equal(externalId, Field(data, "externalId"));
        Assert.Equal(NastyPostalCode, Field(data, "address.postalCode"));
        Assert.Equal(NastyEmail, Field(data, "contact.email"));
        Assert.Equal(NastyWebsite, Field(data, "contact.website"));
        Assert.Equal("robert-drop-table-api-resources-cafe", data.GetProperty("slug").GetString()![..36]);

        foreach (var query in new[] { "city=", "region=", "category=", "sort=", "userId=" })
        {
            using var list = await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources?{query}{Uri.EscapeDataString(Nasty)}", Anonymous);
            Assert.True((int)list.StatusCode is 200 or 400, $"{query} -> {(int)list.StatusCode}");
        }
        using var byCity = await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources?city={Uri.EscapeDataString(Nasty)}&userId={OwnerId}", Owner);
        Assert.Contains((await ReadAsync(byCity)).GetProperty("data").EnumerateArray(), r => r.GetProperty("id").GetString() == Id(created));
        using var bySlug = await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources/slug/{Uri.EscapeDataString("x' OR '1'='1")}", Anonymous);
        Assert.Equal(HttpStatusCode.NotFound, bySlug.StatusCode);
    }

    private static string? Field(JsonElement data, string path) =>
        path.Split('.').Aggregate(data, (node, name) => node.GetProperty(name)).GetString();

    private Task<long> LastSequenceAsync() => Api.LastSequenceAsync();
}
