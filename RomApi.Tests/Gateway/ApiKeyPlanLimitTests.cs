using static RomApi.Tests.Infrastructure.GatewayClients;

namespace RomApi.Tests.Gateway;

/// <summary>
/// An API key cannot lift its owner's plan (issue 14: a FREE user's keys with rateLimit 1,000,000 served after its token was
/// throttled): a key's rateLimit is at most 60 times the plan's per-minute limit, and its requests count against the owner's
/// plan limit and monthly quota.
/// </summary>
[Collection(LimitsCollection.Name)]
public sealed class ApiKeyPlanLimitTests(LimitsFixture system)
{
    private const int FreeKeyMaxPerHour = LimitsFixture.FreePerMinute * 60;

    [Fact]
    public async Task A_key_rate_limit_above_the_owners_plan_is_a_422_and_the_plans_hourly_limit_is_accepted()
    {
        using var gateway = system.NewClientOf(0);
        var owner = await RegisterAsync(gateway);

        using var tooMuch = await CreateKeyAsync(gateway, owner, FreeKeyMaxPerHour + 1);
        using var plan = await CreateKeyAsync(gateway, owner, FreeKeyMaxPerHour);

        var error = (await ReadAsync(tooMuch, (HttpStatusCode)422)).GetProperty("error");
        Assert.Contains(error.GetProperty("details").EnumerateArray(), detail => detail.GetProperty("field").GetString() == "rateLimit");
        Assert.Equal(FreeKeyMaxPerHour, (await ReadAsync(plan, HttpStatusCode.Created)).GetProperty("data").GetProperty("rateLimit").GetInt32());
    }

    [Fact]
    public async Task A_keys_requests_count_against_the_owners_plan_limit_shared_with_its_token_and_its_other_keys()
    {
        using var gateway = system.NewClientOf(1);
        var owner = await RegisterAsync(gateway);
        var first = await CreateApiKeyAsync(gateway, owner, ["resources:read"], rateLimit: FreeKeyMaxPerHour);
        var second = await CreateApiKeyAsync(gateway, owner, ["resources:read"], rateLimit: FreeKeyMaxPerHour);

        // Two creations and three key requests use up the owner's five per minute.
        var statuses = new List<int>();
        for (var i = 0; i < LimitsFixture.FreePerMinute - 2; i++)
        {
            using var ok = await gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", first.Key));
            statuses.Add((int)ok.StatusCode);
        }
        using var byFirst = await gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", first.Key));
        using var bySecond = await gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", second.Key));
        using var byToken = await gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/categories", owner.AccessToken));

        Assert.Equal([200, 200, 200], statuses);
        foreach (var limited in new[] { byFirst, bySecond, byToken })
        {
            Assert.Equal((HttpStatusCode)429, limited.StatusCode);
            Assert.Equal("RATE_LIMIT_EXCEEDED", await ErrorCodeAsync(limited));
            Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task A_keys_requests_count_against_the_owners_monthly_quota()
    {
        using var gateway = system.NewClientOf(0);
        var owner = await RegisterAsync(gateway);
        var key = await CreateApiKeyAsync(gateway, owner, ["resources:read"]);
        // The key is looked up afresh (it was never used), so it carries the new quota.
        await system.SetPlanAsync(owner.Id, "FREE", 3);

        // The key's creation was the month's first request of the owner.
        var statuses = new List<int>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", key.Key));
            statuses.Add((int)last.StatusCode);
        }

        Assert.Equal([200, 200, 429], statuses);
        Assert.Equal("QUOTA_EXCEEDED", await ErrorCodeAsync(last!));
        last!.Dispose();
    }

    private static Task<HttpResponseMessage> CreateKeyAsync(HttpClient gateway, TestAccount owner, int rateLimit)
    {
        var request = Bearer(HttpMethod.Post, "/api/v1/api-keys", owner.AccessToken);
        request.Content = JsonContent.Create(new { name = "plan key", permissions = new[] { "resources:read" }, rateLimit });
        return gateway.SendAsync(request);
    }
}
