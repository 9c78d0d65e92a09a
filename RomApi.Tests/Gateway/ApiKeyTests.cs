using static RomApi.Tests.Infrastructure.GatewayClients;

namespace RomApi.Tests.Gateway;

public sealed class ApiKeyTests(SystemFixture system) : SystemTest(system)
{
    [Fact]
    public async Task A_created_key_works_in_either_header_and_is_listed_without_its_secret()
    {
        var owner = await RegisterAsync(Gateway);
        var key = await CreateApiKeyAsync(Gateway, owner, ["resources:read", "search:read"], rateLimit: 500);

        using var primary = await Gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", key.Key));
        using var alternative = await Gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/api-resources?limit=1", key.Key, "apikey"));
        using var list = await Gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/api-keys", owner.AccessToken));
        var text = await list.Content.ReadAsStringAsync();
        var listed = (await ReadAsync(list, HttpStatusCode.OK)).GetProperty("data").EnumerateArray().Single();

        Assert.StartsWith(key.KeyPrefix + "_", key.Key);
        Assert.Equal(HttpStatusCode.OK, primary.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alternative.StatusCode);
        Assert.Equal("500", primary.Headers.GetValues("RateLimit-Limit").Single());
        Assert.Equal(key.Id, listed.GetProperty("id").GetGuid());
        Assert.Equal(key.KeyPrefix, listed.GetProperty("keyPrefix").GetString());
        Assert.True(listed.GetProperty("isActive").GetBoolean());
        Assert.DoesNotContain(key.Key, text);
        Assert.False(listed.TryGetProperty("key", out _));
    }

    [Fact]
    public async Task A_key_only_opens_what_its_permissions_grant()
    {
        var owner = await RegisterAsync(Gateway);
        var searchOnly = await CreateApiKeyAsync(Gateway, owner, ["search:read"]);

        using var search = await Gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/search?q=pharmacie", searchOnly.Key));
        using var resources = await Gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", searchOnly.Key));
        using var write = WithApiKey(HttpMethod.Post, "/api/v1/api-resources", searchOnly.Key);
        write.Content = JsonContent.Create(new { name = "x" });
        using var writeResponse = await Gateway.SendAsync(write);
        using var analytics = await Gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/analytics/top?eventType=VIEW", searchOnly.Key));

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, resources.StatusCode);
        Assert.Contains("resources:read", await resources.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, writeResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, analytics.StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once()
    {
        var owner = await RegisterAsync(Gateway);
        var key = await CreateApiKeyAsync(Gateway, owner, ["resources:read"]);
        using var before = await Gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", key.Key));

        using var revoke = await Gateway.SendAsync(Bearer(HttpMethod.Delete, $"/api/v1/api-keys/{key.Id}", owner.AccessToken));
        using var after = await Gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", key.Key));
        using var list = await Gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/api-keys", owner.AccessToken));
        var listed = (await ReadAsync(list, HttpStatusCode.OK)).GetProperty("data").EnumerateArray().Single();

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", await after.Content.ReadAsStringAsync());
        Assert.False(listed.GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task A_key_stops_working_when_it_expires()
    {
        var owner = await RegisterAsync(Gateway);
        var key = await CreateApiKeyAsync(Gateway, owner, ["resources:read"], expiresAt: DateTimeOffset.UtcNow.AddSeconds(3));
        using var before = await Gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", key.Key));

        var after = await Eventually.UntilAsync(
            () => Gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", key.Key)),
            response => response.StatusCode != HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the key to expire");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("expired", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keys_are_validated_and_cannot_manage_keys_or_other_users_keys()
    {
        var owner = await RegisterAsync(Gateway);
        var stranger = await RegisterAsync(Gateway, "stranger");
        var key = await CreateApiKeyAsync(Gateway, owner, ["resources:read"]);

        using var invalid = Bearer(HttpMethod.Post, "/api/v1/api-keys", owner.AccessToken);
        invalid.Content = JsonContent.Create(new { name = "", permissions = new[] { "everything:all" }, rateLimit = 0, expiresAt = DateTimeOffset.UtcNow.AddDays(-1) });
        using var invalidResponse = await Gateway.SendAsync(invalid);
        using var byKey = WithApiKey(HttpMethod.Post, "/api/v1/api-keys", key.Key);
        byKey.Content = JsonContent.Create(new { name = "child", permissions = new[] { "resources:read" } });
        using var byKeyResponse = await Gateway.SendAsync(byKey);
        using var strangerDelete = await Gateway.SendAsync(Bearer(HttpMethod.Delete, $"/api/v1/api-keys/{key.Id}", stranger.AccessToken));
        using var stillWorks = await Gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", key.Key));

        var fields = (await ReadAsync(invalidResponse, HttpStatusCode.UnprocessableEntity)).GetProperty("error").GetProperty("details")
            .EnumerateArray().Select(d => d.GetProperty("field").GetString()).ToList();
        Assert.Equal(["name", "permissions", "rateLimit", "expiresAt"], fields);
        Assert.Equal(HttpStatusCode.Forbidden, byKeyResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangerDelete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }
}
