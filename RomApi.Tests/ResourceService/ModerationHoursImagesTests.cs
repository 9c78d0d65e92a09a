using static RomApi.Tests.ResourceService.ResourceTestClient;

namespace RomApi.Tests.ResourceService;

public sealed class ModerationHoursImagesTests(SystemFixture system) : ResourceTestBase(system)
{
    [Theory]
    [InlineData("publish")]
    [InlineData("suspend")]
    [InlineData("verify")]
    public async Task Moderation_is_for_admins_only(string action)
    {
        var created = await Api.CreateAsync(Owner, new { name = UniqueName("Moderated"), resourceType = "BUSINESS" });
        var path = $"/api/v1/api-resources/{Id(created)}/{action}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(HttpMethod.Post, path, Anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Post, path, Owner)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Post, $"/api/v1/api-resources/{Guid.NewGuid()}/{action}", Admin)).StatusCode);
        using var done = await Api.SendAsync(HttpMethod.Post, path, Admin);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    [Fact]
    public async Task Publish_makes_public_suspend_hides_verify_marks()
    {
        var created = await Api.CreateAsync(Owner, new { name = UniqueName("Lifecycle"), resourceType = "BUSINESS" });
        var path = $"/api/v1/api-resources/{Id(created)}";

        var published = (await ReadAsync(await Api.SendAsync(HttpMethod.Post, path + "/publish", Admin))).GetProperty("data");
        Assert.Equal("ACTIVE", published.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, published.GetProperty("publishedAt").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, path, Anonymous)).StatusCode);

        var verified = (await ReadAsync(await Api.SendAsync(HttpMethod.Post, path + "/verify", Admin))).GetProperty("data");
        Assert.True(verified.GetProperty("verified").GetBoolean());

        var suspended = (await ReadAsync(await Api.SendAsync(HttpMethod.Post, path + "/suspend", Admin))).GetProperty("data");
        Assert.Equal("SUSPENDED", suspended.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, path, Anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, path, Owner)).StatusCode);
    }

    [Fact]
    public async Task Hours_take_exactly_seven_valid_days_from_the_owner()
    {
        var created = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Open late"), resourceType = "BUSINESS" });
        var path = $"/api/v1/api-resources/{Id(created)}/hours";
        var week = Enumerable.Range(0, 7).Select(day => day == 0
            ? new { dayOfWeek = day, openTime = (string?)null, closeTime = (string?)null, isClosed = true }
            : new { dayOfWeek = day, openTime = (string?)"08:00", closeTime = (string?)"02:00", isClosed = false }).ToArray();

        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(HttpMethod.Put, path, Anonymous, week)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Put, path, OtherUser, week)).StatusCode);
        using var tooFew = await Api.SendAsync(HttpMethod.Put, path, Owner, week[..6]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooFew.StatusCode);
        var badTime = week.Select((d, i) => i == 3 ? d with { openTime = "25:99" } : d).ToArray();
        using var invalid = await Api.SendAsync(HttpMethod.Put, path, Owner, badTime);
        var invalidBody = await ReadAsync(invalid);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal("hours[3].openTime", invalidBody.GetProperty("error").GetProperty("details")[0].GetProperty("field").GetString());

        using var saved = await Api.SendAsync(HttpMethod.Put, path, Owner, week);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var read = await Api.SendAsync(HttpMethod.Get, path, Anonymous);
        var hours = (await ReadAsync(read)).GetProperty("data");
        Assert.Equal(7, hours.GetArrayLength());
        Assert.True(hours[0].GetProperty("isClosed").GetBoolean());
        Assert.Equal("08:00", hours[1].GetProperty("openTime").GetString());
        Assert.Equal("02:00", hours[1].GetProperty("closeTime").GetString());
        var resource = (await ReadAsync(await Api.SendAsync(HttpMethod.Get, $"/api/v1/api-resources/{Id(created)}", Anonymous))).GetProperty("data");
        Assert.Equal(7, resource.GetProperty("hours").GetArrayLength());
    }

    [Fact]
    public async Task Images_keep_at_most_one_primary_and_can_be_removed()
    {
        var created = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Pictured"), resourceType = "BUSINESS" });
        var path = $"/api/v1/api-resources/{Id(created)}/images";

        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(HttpMethod.Post, path, Anonymous, new { url = "https://img.example.cm/a.jpg" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(HttpMethod.Post, path, OtherUser, new { url = "https://img.example.cm/a.jpg" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Api.SendAsync(HttpMethod.Post, path, Owner, new { url = "javascript:alert(1)" })).StatusCode);
        var first = (await ReadAsync(await Api.SendAsync(HttpMethod.Post, path, Owner, new { url = "https://img.example.cm/a.jpg", altText = "Façade" }))).GetProperty("data");
        using var secondResponse = await Api.SendAsync(HttpMethod.Post, path, Owner, new { url = "https://img.example.cm/b.jpg", isPrimary = true });
        Assert.Equal(HttpStatusCode.Created, secondResponse.StatusCode);
        var second = (await ReadAsync(secondResponse)).GetProperty("data");

        var images = (await ReadAsync(await Api.SendAsync(HttpMethod.Get, path, Anonymous))).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, images.Count);
        Assert.Single(images, i => i.GetProperty("isPrimary").GetBoolean());
        Assert.True(images.Single(i => i.GetProperty("id").GetString() == Id(second)).GetProperty("isPrimary").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await Api.SendAsync(HttpMethod.Delete, $"{path}/{Id(first)}", Owner)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Delete, $"{path}/{Id(first)}", Owner)).StatusCode);
        Assert.Single((await ReadAsync(await Api.SendAsync(HttpMethod.Get, path, Anonymous))).GetProperty("data").EnumerateArray());
    }
}
