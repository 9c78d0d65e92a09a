namespace RomApi.Tests.Gateway;

/// <summary>
/// Redis is gone for good (killed, not restarted): the gateway must keep serving and limit each caller on each replica alone.
/// A system of its own, since it loses its Redis.
/// </summary>
public sealed class RedisOutageTests
{
    private const int AnonymousPerMinute = RedisOutageSystem.AnonymousPerMinute;
    // YARP probes each service's /health this often here, so a service made unready by the lost cache would be ejected quickly.
    private static readonly TimeSpan ProbeInterval = RedisOutageSystem.ProbeInterval;

    [Fact]
    public async Task Without_redis_the_gateway_keeps_serving_with_rate_limit_headers_and_limits_per_replica()
    {
        await using var fixture = new RedisOutageSystem();
        await fixture.InitializeAsync();
        var system = fixture.App;
        var replicas = (await system.ReplicasAsync("gateway")).Select(replica => replica.HttpAddress!).ToList();
        HttpClient ClientOf(int replica, string address) => GatewayClients.FromAddress(replicas[replica], IPAddress.Parse(address));

        // The gateway's metrics and detailed health answer an admin's token on the public port; logged in while Redis is up.
        var admin = await AdminTokenAsync(system, replicas[0]);
        // Both replicas must have reached Redis before the shared limit is asked of them: a replica that has not yet limits alone.
        foreach (var replica in replicas)
        {
            using var health = new HttpClient { BaseAddress = replica };
            await Eventually.UntilAsync(() => HealthAsync(health, admin), RedisIsUp, TimeSpan.FromSeconds(30), "the gateway replica to reach Redis");
        }

        // With Redis the two replicas share one limit per client IP.
        using var sharedA = ClientOf(0, "127.0.2.1");
        using var sharedB = ClientOf(1, "127.0.2.1");
        var shared = await StatusesAsync([sharedA, sharedA, sharedB, sharedB]);

        await Processes.KillReplicaAsync(system, "cache", 0);
        using var gatewayHealth = new HttpClient { BaseAddress = replicas[0] };
        await Eventually.UntilAsync(() => HealthAsync(gatewayHealth, admin), RedisIsDown, TimeSpan.FromSeconds(30), "the gateway to see Redis down");
        using var serviceHealth = system.CreateHttpClient("resourceservice");
        await Eventually.UntilAsync(() => HealthAsync(serviceHealth), RedisIsDown, TimeSpan.FromSeconds(30), "the resource service to see Redis down");
        // Not a timing assertion: a few rounds of the gateway's active health checks, which must not eject a service that only
        // lost its cache, before the requests that would then fail.
        await Task.Delay(ProbeInterval * 4);

        using var aloneA = ClientOf(0, "127.0.2.2");
        using var aloneB = ClientOf(1, "127.0.2.2");
        var onA = await AnswersAsync(aloneA, AnonymousPerMinute + 1);
        var onB = await AnswersAsync(aloneB, AnonymousPerMinute + 1);
        var scrape = await GetStringAsync(aloneA, "/metrics", admin);

        Assert.Equal([200, 200, 200, 429], shared);
        int[] perReplica = [.. Enumerable.Repeat(200, AnonymousPerMinute), 429];
        Assert.Equal(perReplica, onA.Select(answer => answer.Status));
        Assert.Equal(perReplica, onB.Select(answer => answer.Status));
        Assert.All(onA.Concat(onB), answer => Assert.Equal(AnonymousPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Limit));
        Assert.Equal(["2", "1", "0", "0"], onA.Select(answer => answer.Remaining));
        Assert.Equal(["2", "1", "0", "0"], onB.Select(answer => answer.Remaining));
        Assert.NotNull(onA[^1].RetryAfter);
        Assert.True(PrometheusText.Sum(scrape, "romapi_gateway_ratelimit_fallbacks_total") > 0, "the fallback is counted in /metrics");
    }

    // /health answers 200 or 503 with the same JSON body; the body says which dependency is down.
    private static Task<string> HealthAsync(HttpClient client, string? adminToken = null) => GetStringAsync(client, "/health", adminToken);

    private static async Task<string> GetStringAsync(HttpClient client, string path, string? adminToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (adminToken is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminToken);
        }
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> AdminTokenAsync(DistributedApplication system, Uri gateway)
    {
        var secrets = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = await system.GetConnectionStringAsync("identity-secrets") };
        using var client = GatewayClients.FromAddress(gateway, IPAddress.Parse("127.0.2.9"));
        var admin = await GatewayClients.LoginAsync(client, "admin@romapi.local", secrets["AdminPassword"].ToString()!);
        return admin.AccessToken;
    }

    private static bool RedisIsDown(string health) => RedisStatus(health) is { } status && status != "Healthy";

    private static bool RedisIsUp(string health) => RedisStatus(health) is "Healthy";

    private static string? RedisStatus(string health) =>
        JsonDocument.Parse(health).RootElement.GetProperty("checks").EnumerateArray()
            .Where(check => check.GetProperty("name").GetString() == "redis")
            .Select(check => check.GetProperty("status").GetString())
            .FirstOrDefault();

    private static async Task<List<int>> StatusesAsync(IEnumerable<HttpClient> clients)
    {
        var statuses = new List<int>();
        foreach (var client in clients)
        {
            using var response = await client.GetAsync("/api/v1/categories");
            statuses.Add((int)response.StatusCode);
        }
        return statuses;
    }

    private sealed record Answer(int Status, string? Limit, string? Remaining, TimeSpan? RetryAfter);

    private static async Task<List<Answer>> AnswersAsync(HttpClient client, int count)
    {
        var answers = new List<Answer>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync("/api/v1/categories");
            answers.Add(new Answer((int)response.StatusCode, Header(response, "RateLimit-Limit"), Header(response, "RateLimit-Remaining"),
                response.Headers.RetryAfter?.Delta));
        }
        return answers;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}

/// <summary>Its own system: it loses its Redis for good (not restarted), with two gateway replicas probing often.</summary>
internal sealed class RedisOutageSystem : SystemFixture, IAsyncDisposable
{
    public const int AnonymousPerMinute = 3;
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    protected override string[] AppHostArguments => ["--AppHost:RestartExitedProcesses=false"];

    protected override void Configure(IDistributedApplicationTestingBuilder appHost) =>
        appHost.CreateResourceBuilder<ProjectResource>("gateway")
            .WithProxiedReplicas(2)
            .WithEnvironment("Limits__AnonymousPerMinute", AnonymousPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture))
            // While Redis is up, a slow answer on a loaded machine must not send a replica to its own counters (the shared limit
            // is what is asserted); once Redis is killed, its refused connection falls back at once, whatever this timeout.
            .WithEnvironment("Limits__RedisTimeout", "00:00:05")
            .WithEnvironment("Proxy__HealthProbeInterval", ProbeInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture));

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
