namespace RomApi.Tests.Gateway;

/// <summary>
/// The response cache on the system with two gateway replicas: a change made through one replica reaches the other's copies
/// through the change feed, and a read answered from a copy still counts against the caller's limits.
/// </summary>
[Collection(LimitsCollection.Name)]
public sealed class ResponseCacheReplicaTests(LimitsFixture system)
{
    private static string? CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Cache", out var values) ? values.Single() : null;

    private HttpClient ClientOf(int replica, string? accessToken = null, string? apiKey = null)
    {
        var client = system.NewClientOf(replica);
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("X-API-Key", apiKey);
        }
        return client;
    }

    /// <summary>A published resource of the admin (whose plan leaves room under this system's small limits), and an admin key to read with.</summary>
    private async Task<(string Id, string AdminToken, string Key)> PublishedAsync()
    {
        var admin = await system.Credentials.AdminAsync();
        using var asAdmin = ClientOf(0, admin.AccessToken);
        using var created = await asAdmin.PostAsJsonAsync("/api/v1/api-resources",
            new { name = $"Replicated {Guid.NewGuid():N}"[..20], resourceType = "SERVICE", address = new { city = "Bafoussam" } });
        var id = (await GatewayClients.ReadAsync(created, HttpStatusCode.Created)).GetProperty("data").GetProperty("id").GetString()!;
        using var published = await asAdmin.PostAsync($"/api/v1/api-resources/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var key = await GatewayClients.CreateApiKeyAsync(asAdmin,
            new TestAccount(admin.Id, "admin", "", admin.AccessToken!, ""), ["resources:read"]);
        return (id, admin.AccessToken!, key.Key);
    }

    private static Task<HttpResponseMessage> UntilHitAsync(HttpClient client, string path) =>
        Eventually.UntilAsync(() => client.GetAsync(path), response => CacheStatus(response) == "HIT", TimeSpan.FromSeconds(15),
            $"a cache hit on {path}");

    [Fact]
    public async Task A_change_through_one_replica_evicts_the_other_replicas_copy_within_moments()
    {
        var (id, adminToken, key) = await PublishedAsync();
        using var replicaA = ClientOf(0, adminToken);
        using var replicaB = ClientOf(1, apiKey: key);
        var path = $"/api/v1/api-resources/{id}";
        (await UntilHitAsync(replicaB, path)).Dispose();

        using var patch = new HttpRequestMessage(HttpMethod.Patch, path)
        {
            Content = new StringContent("""{"description":"Changed on replica A"}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        using var patched = await replicaA.SendAsync(patch);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        // The first answer on B with the new text is the service's: B's copy went with the change feed, not with its age.
        var (changed, _) = await Eventually.UntilAsync(async () =>
        {
            var response = await replicaB.GetAsync(path);
            return (Response: response, Body: await response.Content.ReadAsStringAsync());
        }, read => read.Body.Contains("Changed on replica A"), TimeSpan.FromSeconds(5), "replica B to show the change");
        using (changed)
        {
            Assert.Equal("MISS", CacheStatus(changed));
            Assert.Equal(patched.Headers.ETag, changed.Headers.ETag);
        }

        (await UntilHitAsync(replicaB, path)).Dispose();
        using var suspended = await replicaA.PostAsync($"{path}/suspend", null);
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        using var gone = await Eventually.UntilAsync(() => replicaB.GetAsync(path),
            response => response.StatusCode == HttpStatusCode.NotFound, TimeSpan.FromSeconds(5), "replica B to stop showing the suspended resource");
        Assert.NotEqual("HIT", CacheStatus(gone));
    }

    [Fact]
    public async Task A_read_answered_from_the_cache_still_counts_against_the_rate_limit()
    {
        var (id, _, key) = await PublishedAsync();
        var path = $"/api/v1/api-resources/{id}";
        using (var filler = ClientOf(0, apiKey: key))
        {
            (await UntilHitAsync(filler, path)).Dispose();
        }

        using var anonymous = ClientOf(0);
        var answers = new List<(HttpStatusCode Status, string? Cache, string Remaining)>();
        for (var i = 0; i <= LimitsFixture.AnonymousPerMinute; i++)
        {
            using var response = await anonymous.GetAsync(path);
            answers.Add((response.StatusCode, CacheStatus(response), response.Headers.GetValues("RateLimit-Remaining").Single()));
        }

        Assert.Equal(["3", "2", "1", "0", "0"], answers.Select(answer => answer.Remaining));
        Assert.All(answers[..^1], answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Contains(answers[..^1], answer => answer.Cache == "HIT");
        Assert.Equal((HttpStatusCode)429, answers[^1].Status);
        Assert.Null(answers[^1].Cache);
    }
}
