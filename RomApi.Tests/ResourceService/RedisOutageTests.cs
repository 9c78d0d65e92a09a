using StackExchange.Redis;
using static RomApi.Tests.ResourceService.ResourceTestClient;

namespace RomApi.Tests.ResourceService;

/// <summary>A system of its own: its Redis is killed, which would disturb every other test of the shared system.</summary>
[CollectionDefinition(Name)]
public sealed class RedisOutageCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "redis outage system";
}

[Collection(RedisOutageCollection.Name)]
public sealed class RedisOutageTests(SystemFixture system) : ResourceTestBase(system)
{
    private const string DownLine = "Redis cache unavailable";
    private const string RecoveredLine = "Redis cache available again";
    private const string RepairedLine = "Applied the cache updates Redis missed";
    private const int Rounds = 5;

    [Fact]
    public async Task Without_redis_reads_and_writes_are_served_from_the_database_and_the_outage_is_logged_once()
    {
        var category = (await ReadAsync(await Api.SendAsync(HttpMethod.Get, "/api/v1/categories/pharmacie", Anonymous))).GetProperty("data");
        var name = UniqueName("Pharmacie sans cache");
        var created = await Api.CreatePublishedAsync(Owner, new { name, resourceType = "BUSINESS", categoryId = Id(category), description = "before" });
        var path = $"/api/v1/api-resources/{Id(created)}";
        var listPath = $"/api/v1/api-resources?userId={OwnerId}&limit=100";
        // Warm every cache, so a read that still went to Redis would have something (now stale) to find.
        await ReadAllAsync(created, listPath, Id(category), "before");
        var logMark = (await Fixture.App.LogLinesAsync("resourceservice")).Select(line => line.LineNumber).DefaultIfEmpty(0).Max();

        int kills;
        await using (var outage = await ServerOutage.BeginAsync(Fixture.App, "cache"))
        {
            for (var round = 0; round < Rounds; round++)
            {
                var description = $"during outage {round}";
                using var patched = await Api.SendAsync(HttpMethod.Patch, path, Owner, new { description });
                Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
                await ReadAllAsync(created, listPath, Id(category), description);
            }
            var added = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Ajoutée sans cache"), resourceType = "SERVICE" });
            Assert.Contains(Id(added), await ListIdsAsync(listPath));

            // The cache is optional: readiness says so (Degraded, still 200), so the gateway keeps routing to the service.
            using var service = Fixture.App.CreateHttpClient("resourceservice");
            using var health = await service.GetAsync("/health");
            var checks = (await ReadAsync(health)).GetProperty("checks").EnumerateArray()
                .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Degraded", checks["redis"]);
            kills = outage.Kills;
        }

        // The AppHost restarts a killed Redis, so the service may have reached a restarted one for a moment (ServerOutage):
        // then it logs the recovery and, at the next failure, the outage again. Once per outage, never once per request.
        // The health check's own line per probe (not per request) is left out.
        var lines = (await Fixture.App.LogLinesAsync("resourceservice", after: logMark)).Select(line => line.Content)
            .Where(text => text.Contains("redis", StringComparison.OrdinalIgnoreCase) && !text.Contains("DefaultHealthCheckService", StringComparison.Ordinal))
            .ToList();
        var report = string.Join(Environment.NewLine, lines);
        Assert.All(lines, text => Assert.True(text.Contains(DownLine, StringComparison.Ordinal) || text.Contains(RecoveredLine, StringComparison.Ordinal) ||
            text.Contains(RepairedLine, StringComparison.Ordinal), $"a Redis failure logged by something else: {text}"));
        var downs = lines.Count(text => text.Contains(DownLine, StringComparison.Ordinal));
        Assert.True(downs >= 1, "the outage was never logged");
        Assert.True(downs <= kills, $"{downs} outage lines for {kills} killed Redis processes:{Environment.NewLine}{report}");
        for (var i = 1; i < lines.Count; i++)
        {
            Assert.False(lines[i].Contains(DownLine, StringComparison.Ordinal) && lines[i - 1].Contains(DownLine, StringComparison.Ordinal),
                $"the outage was logged twice without a recovery between:{Environment.NewLine}{report}");
        }
    }

    [Fact]
    public async Task A_write_redis_missed_is_not_hidden_by_the_old_entries_redis_reloads_from_its_snapshot()
    {
        // The other test of this system may have just ended an outage of its own.
        await WaitUntilTheServiceUsesRedisAsync();
        var category = (await ReadAsync(await Api.SendAsync(HttpMethod.Get, "/api/v1/categories/pharmacie", Anonymous))).GetProperty("data");
        var created = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Pharmacie instantané"), resourceType = "BUSINESS", categoryId = Id(category), description = "before" });
        var path = $"/api/v1/api-resources/{Id(created)}";
        var listPath = $"/api/v1/api-resources?userId={OwnerId}&limit=100";
        await ReadAllAsync(created, listPath, Id(category), "before");
        // The AppHost's Redis keeps snapshots (a data volume). One taken now holds the warm entries, as a Redis restarted from its
        // snapshot (or reached again after a network partition) still has them.
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(await Fixture.App.GetConnectionStringAsync("cache") + ",allowAdmin=true"))
        {
            Assert.Equal("OK", (await redis.GetDatabase().ExecuteAsync("SAVE")).ToString());
        }

        await using (await ServerOutage.BeginAsync(Fixture.App, "cache"))
        {
            using var patched = await Api.SendAsync(HttpMethod.Patch, path, Owner, new { description = "after" });
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }
        // Redis is back with the snapshot's entries, and the service uses it again.
        await WaitUntilTheServiceUsesRedisAsync();

        await ReadAllAsync(created, listPath, Id(category), "after");
    }

    private async Task WaitUntilTheServiceUsesRedisAsync()
    {
        using var service = Fixture.App.CreateHttpClient("resourceservice");
        await Eventually.UntilAsync(async () =>
            {
                using var health = await service.GetAsync("/health");
                return (await ReadAsync(health)).GetProperty("checks").EnumerateArray()
                    .Single(check => check.GetProperty("name").GetString() == "redis").GetProperty("status").GetString();
            },
            status => status == "Healthy", TimeSpan.FromSeconds(90), "the resource service's Redis check to pass");
    }

    /// <summary>GET by id, by slug, the list and the categories all answer 200 with the current data.</summary>
    private async Task ReadAllAsync(JsonElement resource, string listPath, string categoryId, string description)
    {
        foreach (var target in new[] { $"/api/v1/api-resources/{Id(resource)}", $"/api/v1/api-resources/slug/{resource.GetProperty("slug").GetString()}" })
        {
            using var read = await Api.SendAsync(HttpMethod.Get, target, Anonymous);
            var body = await ReadAsync(read);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"{target}: {(int)read.StatusCode} {body}");
            Assert.Equal(description, body.GetProperty("data").GetProperty("description").GetString());
        }
        using var list = await Api.SendAsync(HttpMethod.Get, listPath, Anonymous);
        var listed = (await ReadAsync(list)).GetProperty("data").EnumerateArray().Single(r => r.GetProperty("id").GetString() == Id(resource));
        Assert.Equal(description, listed.GetProperty("description").GetString());

        using var tree = await Api.SendAsync(HttpMethod.Get, "/api/v1/categories", Anonymous);
        Assert.Equal(HttpStatusCode.OK, tree.StatusCode);
        Assert.Contains((await ReadAsync(tree)).GetProperty("data").EnumerateArray(), c => c.GetProperty("slug").GetString() == "sante");
        using var one = await Api.SendAsync(HttpMethod.Get, $"/api/v1/categories/{categoryId}", Anonymous);
        Assert.Equal("pharmacie", (await ReadAsync(one)).GetProperty("data").GetProperty("slug").GetString());
    }

    private async Task<List<string>> ListIdsAsync(string listPath)
    {
        using var response = await Api.SendAsync(HttpMethod.Get, listPath, Anonymous);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadAsync(response)).GetProperty("data").EnumerateArray().Select(Id).ToList();
    }
}
