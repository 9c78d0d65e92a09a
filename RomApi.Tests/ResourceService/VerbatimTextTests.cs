using static RomApi.Tests.ResourceService.BadInputChecks;
using static RomApi.Tests.ResourceService.ResourceTestClient;
using static RomApi.Tests.ResourceService.TextSamples;

namespace RomApi.Tests.ResourceService;

/// <summary>
/// SQL metacharacters and emoji beyond the resource's own fields (see <see cref="BadInputTests"/>): image text, category text,
/// and the bulk-ingest write path (binary COPY and UPDATE ... FROM). Free text is stored and returned exactly; a field with a
/// format (a time, a phone number) refuses such text with a 422 and changes nothing.
/// </summary>
public sealed class VerbatimTextTests(SystemFixture system) : ResourceTestBase(system)
{
    private const string NastyImageUrl = "https://img.example.cm/a'b;--%20%F0%9F%A6%81.jpg?q=1'%20OR%20'1'='1";

    [Fact]
    public async Task Image_alt_text_and_url_are_stored_verbatim()
    {
        var resource = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Pictured"), resourceType = "BUSINESS" });
        var path = $"/api/v1/api-resources/{Id(resource)}";

        using var added = await Api.SendAsync(HttpMethod.Post, path + "/images", Owner, new { url = NastyImageUrl, altText = Nasty });

        var image = (await ReadAsync(added)).GetProperty("data");
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(Nasty, image.GetProperty("altText").GetString());
        Assert.Equal(NastyImageUrl, image.GetProperty("url").GetString());
        var listed = Assert.Single((await ReadAsync(await Api.SendAsync(HttpMethod.Get, path + "/images", Anonymous))).GetProperty("data").EnumerateArray());
        Assert.Equal(Nasty, listed.GetProperty("altText").GetString());
        Assert.Equal(NastyImageUrl, listed.GetProperty("url").GetString());
        var embedded = (await ReadAsync(await Api.SendAsync(HttpMethod.Get, path, Anonymous))).GetProperty("data").GetProperty("images")[0];
        Assert.Equal(Nasty, embedded.GetProperty("altText").GetString());
    }

    [Fact]
    public async Task Category_name_description_and_icon_are_stored_verbatim_and_the_category_still_works()
    {
        var name = $"{Nasty} {Guid.NewGuid().ToString("N")[..8]}";
        using var created = await Api.SendAsync(HttpMethod.Post, "/api/v1/categories", Admin, new { name, description = Nasty, icon = Nasty });
        var category = (await ReadAsync(created)).GetProperty("data");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = Id(category);
        var slug = category.GetProperty("slug").GetString()!;
        Assert.StartsWith("robert-drop-table-api-resources-cafe-", slug);

        AssertCategory(await GetCategoryAsync(id), name, Nasty);
        var flat = (await ReadAsync(await Api.SendAsync(HttpMethod.Get, "/api/v1/categories?flat=true", Anonymous))).GetProperty("data");
        AssertCategory(flat.EnumerateArray().Single(c => Id(c) == id), name, Nasty);
        using var tree = await Api.SendAsync(HttpMethod.Get, "/api/v1/categories", Anonymous);
        Assert.Equal(HttpStatusCode.OK, tree.StatusCode);

        var renamed = name + " ☕'--";
        using var put = await Api.SendAsync(HttpMethod.Put, $"/api/v1/categories/{id}", Admin, new { name = renamed, slug, description = renamed, icon = Nasty });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        AssertCategory(await GetCategoryAsync(slug), renamed, renamed);

        var resource = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Categorised"), resourceType = "BUSINESS", categorySlug = slug });
        Assert.Equal(renamed, resource.GetProperty("category").GetProperty("name").GetString());
        using var list = await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources?category={slug}&userId={OwnerId}", Anonymous);
        Assert.Equal(Id(resource), Id(Assert.Single((await ReadAsync(list)).GetProperty("data").EnumerateArray())));
    }

    [Fact]
    public async Task Ingest_stores_the_text_verbatim_when_it_creates_and_when_it_updates()
    {
        var externalId = Nasty + Guid.NewGuid();
        object Item(string description) => new
        {
            externalId,
            name = Nasty,
            description,
            resourceType = "BUSINESS",
            address = new { addressLine1 = Nasty, addressLine2 = Nasty, city = Nasty, region = Nasty },
            contact = new { email = NastyEmail, website = NastyWebsite },
            seo = new { metaTitle = Nasty, metaDescription = Nasty },
        };

        foreach (var (description, created, updated) in new[] { (Nasty, 1, 0), (Nasty + " ✓ mis à jour", 0, 1) })
        {
            using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources/ingest", Owner, new { resources = new[] { Item(description) }, mode = "upsert" });
            var result = (await ReadAsync(response)).GetProperty("data");
            Assert.True(response.StatusCode == HttpStatusCode.OK, result.ToString());
            Assert.Equal((created, updated, 0), (result.GetProperty("created").GetInt32(), result.GetProperty("updated").GetInt32(), result.GetProperty("failed").GetInt32()));

            using var list = await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources?userId={OwnerId}", Owner);
            var data = Assert.Single((await ReadAsync(list)).GetProperty("data").EnumerateArray());
            Assert.Equal(externalId, data.GetProperty("externalId").GetString());
            Assert.Equal(Nasty, data.GetProperty("name").GetString());
            Assert.Equal(description, data.GetProperty("description").GetString());
            foreach (var field in new[] { "addressLine1", "addressLine2", "city", "region" })
            {
                Assert.Equal(Nasty, data.GetProperty("address").GetProperty(field).GetString());
            }
            Assert.Equal(NastyEmail, data.GetProperty("contact").GetProperty("email").GetString());
            Assert.Equal(NastyWebsite, data.GetProperty("contact").GetProperty("website").GetString());
            Assert.Equal(Nasty, data.GetProperty("seo").GetProperty("metaTitle").GetString());
            Assert.Equal(Nasty, data.GetProperty("seo").GetProperty("metaDescription").GetString());
        }
    }

    [Fact]
    public async Task Sql_text_in_opening_hours_or_a_phone_number_is_a_422_and_changes_nothing()
    {
        var resource = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Open"), resourceType = "BUSINESS" });
        var hoursPath = $"/api/v1/api-resources/{Id(resource)}/hours";
        var week = Enumerable.Range(0, 7).Select(day => new { dayOfWeek = day, openTime = "08:00", closeTime = "18:00", isClosed = false }).ToArray();
        using var saved = await Api.SendAsync(HttpMethod.Put, hoursPath, Owner, week);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var before = await Api.LastSequenceAsync();

        var nastyWeek = week.Select((day, i) => i == 1 ? day with { openTime = "08:00'; DROP TABLE business_hours;--" } : day).ToArray();
        using var hours = await Api.SendAsync(HttpMethod.Put, hoursPath, Owner, nastyWeek);
        await AssertFieldErrorAsync(hours, "hours[1].openTime", "SQL in openTime");
        var emojiWeek = week.Select((day, i) => i == 2 ? day with { closeTime = "🦁:00" } : day).ToArray();
        using var emoji = await Api.SendAsync(HttpMethod.Put, hoursPath, Owner, emojiWeek);
        await AssertFieldErrorAsync(emoji, "hours[2].closeTime", "emoji in closeTime");
        using var phone = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources", Owner,
            new { name = UniqueName("Phoned"), resourceType = "BUSINESS", contact = new { phone = "+237 699'; DROP TABLE api_resources;-- 🦁" } });
        await AssertFieldErrorAsync(phone, "contact.phone", "SQL in a phone number");

        Assert.Equal(before, await Api.LastSequenceAsync());
        var stored = (await ReadAsync(await Api.SendAsync(HttpMethod.Get, hoursPath, Anonymous))).GetProperty("data");
        Assert.All(stored.EnumerateArray(), day => Assert.Equal(("08:00", "18:00"), (day.GetProperty("openTime").GetString(), day.GetProperty("closeTime").GetString())));
    }

    private async Task<JsonElement> GetCategoryAsync(string idOrSlug)
    {
        using var response = await Api.SendAsync(HttpMethod.Get, $"/api/v1/categories/{idOrSlug}", Anonymous);
        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("data");
    }

    private static void AssertCategory(JsonElement category, string name, string description)
    {
        Assert.Equal(name, category.GetProperty("name").GetString());
        Assert.Equal(description, category.GetProperty("description").GetString());
        Assert.Equal(Nasty, category.GetProperty("icon").GetString());
    }
}
