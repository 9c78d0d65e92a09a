using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using RomApi.Gateway.Limits;
using RomApi.Gateway.Telemetry;
using static RomApi.Tests.Infrastructure.GatewayClients;

namespace RomApi.Tests.Gateway;

[Collection(LimitsCollection.Name)]
public sealed class LimitsTests(LimitsFixture system)
{
    [Fact]
    public async Task Without_redis_server_on_PATH_the_cache_is_Garnet_and_answers()
    {
        var cache = (await system.App.ReplicasAsync("cache"))[0];
        var commandLine = (await File.ReadAllTextAsync($"/proc/{cache.ProcessId}/cmdline")).Split('\0');

        Assert.Equal("Healthy", cache.Health);
        Assert.Contains(commandLine, argument => argument.EndsWith("RomApi.Garnet.dll", StringComparison.Ordinal));
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync((await system.App.GetConnectionStringAsync("cache"))!);
        var key = $"garnet-check-{Guid.NewGuid():N}";
        await redis.GetDatabase().StringSetAsync(key, "kept");
        Assert.Equal("kept", (string?)await redis.GetDatabase().StringGetAsync(key));
    }

    [Fact]
    public async Task A_free_user_gets_its_plan_limit_with_headers_then_429_with_retry_after()
    {
        var (a, _) = system.NewClientPair();
        using var gateway = a;
        var account = await RegisterAsync(gateway);

        var remaining = new List<int>();
        for (var i = 0; i < LimitsFixture.FreePerMinute; i++)
        {
            using var ok = await gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/categories", account.AccessToken));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(LimitsFixture.FreePerMinute.ToString(), ok.Headers.GetValues("RateLimit-Limit").Single());
            remaining.Add(int.Parse(ok.Headers.GetValues("RateLimit-Remaining").Single()));
        }
        using var limited = await gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/categories", account.AccessToken));

        Assert.Equal([4, 3, 2, 1, 0], remaining);
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("RATE_LIMIT_EXCEEDED", await ErrorCodeAsync(limited));
        Assert.Equal("0", limited.Headers.GetValues("RateLimit-Remaining").Single());
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
    }

    [Fact]
    public async Task Two_gateway_replicas_share_one_limit()
    {
        var (a, b) = system.NewClientPair();
        using var replicaA = a;
        using var replicaB = b;
        var account = await RegisterAsync(replicaA);

        var statuses = new List<int>();
        var remaining = new List<int>();
        for (var i = 0; i < LimitsFixture.FreePerMinute + 1; i++)
        {
            var client = i % 2 == 0 ? replicaA : replicaB;
            using var response = await client.SendAsync(Bearer(HttpMethod.Get, "/api/v1/categories", account.AccessToken));
            statuses.Add((int)response.StatusCode);
            remaining.Add(int.Parse(response.Headers.GetValues("RateLimit-Remaining").Single()));
        }

        Assert.NotEqual(system.GatewayReplicas[0], system.GatewayReplicas[1]);
        Assert.Equal([200, 200, 200, 200, 200, 429], statuses);
        Assert.Equal([4, 3, 2, 1, 0, 0], remaining);
    }

    [Fact]
    public async Task Hits_counted_on_each_replica_far_from_the_limit_still_add_up_to_one_shared_limit()
    {
        // 300 an hour: the first ~200 hits are counted on the replicas and sent to Redis in the background, the last 100 are
        // checked in Redis one by one. Six callers at once over both replicas must still get exactly 300 through.
        const int limit = 300;
        var (a, b) = system.NewClientPair();
        using var replicaA = a;
        using var replicaB = b;
        var owner = await RegisterAsync(replicaA);
        var key = await CreateApiKeyAsync(replicaA, owner, ["resources:read"], rateLimit: limit);
        // A key's requests count against its owner's plan too: a plan far above the key's limit leaves the key's to decide.
        await system.SetPlanAsync(owner.Id, "ENTERPRISE", 10_000_000);

        var next = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(async worker =>
        {
            var client = worker % 2 == 0 ? replicaA : replicaB;
            while (Interlocked.Increment(ref next) <= limit + 20)
            {
                using var response = await client.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", key.Key));
                statuses.Add((int)response.StatusCode);
            }
        }));

        Assert.Equal(limit, statuses.Count(status => status == 200));
        Assert.Equal(20, statuses.Count(status => status == 429));
    }

    [Fact]
    public async Task A_replica_that_stops_hearing_from_redis_expects_the_others_hits_and_checks_there_instead_of_overshooting()
    {
        // Two replicas' counters in this process, on the system's Redis and one clock, in a fixed order. Each counts 20 requests
        // every 50 ms (400 a second) and sends its hits after the first step; then replica A stops hearing from Redis (its sends
        // slow or failing) while both keep counting: A's own view misses B's hits, 20 more each step.
        await using var replicas = await TwoReplicasAsync(300);
        var (time, a, b, limit) = (replicas.Time, replicas.A, replicas.B, replicas.Limit);
        var admitted = 0;
        async Task StepAsync(bool aHears)
        {
            foreach (var replica in new[] { a, b })
            {
                for (var i = 0; i < 20; i++)
                {
                    admitted += (await replica.CountAsync(limit)).RejectedBy is null ? 1 : 0;
                }
            }
            time.Advance(TimeSpan.FromMilliseconds(50));
            await b.FlushAsync();
            if (aHears)
            {
                await a.FlushAsync();
            }
        }

        await StepAsync(aHears: true);
        for (var step = 0; step < 10; step++)
        {
            await StepAsync(aHears: false);
        }
        await a.FlushAsync();

        // 440 requests. Without expecting B's hits, A would count 160 on its own view (40 to 200) while B counts 160 more in Redis,
        // none of them seeing the other's: 360 through.
        Assert.Equal(300, admitted);
        Assert.Equal(300, await replicas.SharedCountAsync());
    }

    [Fact]
    public async Task A_replica_back_from_a_quiet_spell_checks_in_redis_before_counting_on_its_old_view()
    {
        // A key's requests go through replica B, then for ten minutes through replica A (the client reconnected), then through B
        // again. Each replica sends its hits when a quarter of the reserve (25) has piled up, as its flush signal would have it.
        await using var replicas = await TwoReplicasAsync(1000);
        var (time, a, b, limit) = (replicas.Time, replicas.A, replicas.B, replicas.Limit);
        async Task<int> CountAsync(DistributedCounters replica, int requests)
        {
            var admitted = 0;
            for (var i = 1; i <= requests; i++)
            {
                admitted += (await replica.CountAsync(limit)).RejectedBy is null ? 1 : 0;
                if (i % 25 == 0)
                {
                    await replica.FlushAsync();
                }
            }
            await replica.FlushAsync();
            return admitted;
        }

        var first = await CountAsync(b, 100);
        time.Advance(TimeSpan.FromMinutes(10));
        var meanwhile = await CountAsync(a, 890);
        time.Advance(TimeSpan.FromSeconds(5));
        var back = await CountAsync(b, 50);

        Assert.Equal((100, 890), (first, meanwhile));
        // B last heard of the key at 100; counting on that view, its first 25 would pass before its flush told it of A's 890:
        // 1,015 through.
        Assert.Equal(10, back);
        Assert.Equal(1000, await replicas.SharedCountAsync());
    }

    /// <summary>
    /// Two replicas' counters in this process, on the system's Redis and one fake clock, and a new key limited to
    /// <paramref name="limit"/> an hour.
    /// </summary>
    private async Task<TwoReplicas> TwoReplicasAsync(long limit)
    {
        var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync((await system.App.GetConnectionStringAsync("cache"))!);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return new TwoReplicas(redis, time, Replica(redis, time), Replica(redis, time),
            [new("api_key", $"rl:test:{Guid.NewGuid():N}", limit, TimeSpan.FromHours(1))]);
    }

    private sealed record TwoReplicas(
        StackExchange.Redis.IConnectionMultiplexer Redis, FakeTimeProvider Time, DistributedCounters A, DistributedCounters B, Counter[] Limit)
        : IAsyncDisposable
    {
        /// <summary>The count Redis holds for the key.</summary>
        public async Task<long> SharedCountAsync() => (long)await Redis.GetDatabase().StringGetAsync(Limit[0].Key);

        public ValueTask DisposeAsync() => Redis.DisposeAsync();
    }

    private static DistributedCounters Replica(StackExchange.Redis.IConnectionMultiplexer redis, FakeTimeProvider time)
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        // A slow answer on a busy machine must not turn this into the per-replica fallback, which is not what is tested here.
        var options = Options.Create(new LimitsOptions { RedisTimeout = TimeSpan.FromSeconds(10) });
        return new DistributedCounters(redis, new LocalCounters(time), options, time,
            new GatewayMetrics(services.GetRequiredService<IMeterFactory>(), services), NullLogger<DistributedCounters>.Instance);
    }

    [Fact]
    public async Task Anonymous_callers_are_limited_per_client_ip_and_another_ip_is_not_affected()
    {
        using var first = system.NewClientOf(0);
        using var second = system.NewClientOf(1);

        var statuses = new List<int>();
        for (var i = 0; i < LimitsFixture.AnonymousPerMinute + 1; i++)
        {
            using var response = await first.GetAsync("/api/v1/categories");
            statuses.Add((int)response.StatusCode);
        }
        using var other = await second.GetAsync("/api/v1/categories");

        Assert.Equal([200, 200, 200, 200, 429], statuses);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task An_api_key_is_limited_by_its_own_hourly_rate_limit()
    {
        using var gateway = system.NewClientOf(0);
        var owner = await RegisterAsync(gateway);
        var key = await CreateApiKeyAsync(gateway, owner, ["resources:read"], rateLimit: 3);

        var statuses = new List<int>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await gateway.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", key.Key));
            statuses.Add((int)last.StatusCode);
        }

        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.Equal("3", last!.Headers.GetValues("RateLimit-Limit").Single());
        Assert.InRange(last.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 60, 3600);
        last.Dispose();
    }

    [Fact]
    public async Task The_monthly_quota_answers_429_quota_exceeded_and_me_reports_the_usage()
    {
        using var gateway = system.NewClientOf(1);
        var account = await RegisterAsync(gateway);
        await system.SetPlanAsync(account.Id, "PRO", 3);
        // The access token carries plan and quota: a refresh picks up the change.
        var refreshed = await RefreshAsync(gateway, account);

        var statuses = new List<int>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/categories", refreshed.AccessToken));
            statuses.Add((int)last.StatusCode);
        }

        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.Equal("QUOTA_EXCEEDED", await ErrorCodeAsync(last!));
        Assert.True(last!.Headers.RetryAfter!.Delta > TimeSpan.Zero);
        Assert.Equal("600", last.Headers.GetValues("RateLimit-Limit").Single());
        last.Dispose();
    }

    [Fact]
    public async Task After_a_cache_kill_a_user_at_their_limit_gets_nothing_more_while_the_cache_is_away_or_after()
    {
        // One gateway replica, as in run mode: while the cache is away a replica limits from what it last knew, and another
        // replica that had not served this caller in the window would start from zero (API.md "Limits").
        using var gateway = system.NewClientOf(0);
        var account = await RegisterAsync(gateway);
        for (var i = 0; i < LimitsFixture.FreePerMinute; i++)
        {
            using var ok = await gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/categories", account.AccessToken));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var cache = (await system.App.ReplicasAsync("cache"))[0];
        Assert.True(FaultControl.KillWithDescendants(cache.ProcessId!.Value), "the cache was not running");
        // Ask while the cache is down (each replica limits on its own, from what it last knew), while it restarts and recovers
        // its files (Garnet here: the counter comes back from its append-only file), and a little after it is healthy again.
        var statuses = new List<HttpStatusCode>();
        var healthyAgain = 0;
        while (healthyAgain < 10)
        {
            using var response = await gateway.SendAsync(Bearer(HttpMethod.Get, "/api/v1/categories", account.AccessToken));
            statuses.Add(response.StatusCode);
            var now = (await system.App.ReplicasAsync("cache"))[0];
            healthyAgain += now.ProcessId != cache.ProcessId && now.Health == "Healthy" ? 1 : 0;
            Assert.True(statuses.Count < 2000, "the cache did not come back");
            await Task.Delay(50);
        }

        var summary = string.Join(" ", statuses.Select(status => (int)status));
        Assert.True(!statuses.Contains(HttpStatusCode.OK), $"allowed after the kill: {summary}");
        Assert.All(statuses, status => Assert.Equal((HttpStatusCode)429, status));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_by_the_other_replica_within_one_second()
    {
        var (a, b) = system.NewClientPair();
        using var replicaA = a;
        using var replicaB = b;
        var owner = await RegisterAsync(replicaA);
        var key = await CreateApiKeyAsync(replicaA, owner, ["resources:read"]);
        // Both replicas now hold the key in their caches.
        using var onA = await replicaA.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", key.Key));
        using var onB = await replicaB.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", key.Key));

        using var revoke = await replicaA.SendAsync(Bearer(HttpMethod.Delete, $"/api/v1/api-keys/{key.Id}", owner.AccessToken));
        // The cache would keep the key for 30 s; only the revocation message can make B refuse it sooner, and the issue gives
        // it 1 s on every replica (the design publishes at once, so no allowance).
        var refused = await Eventually.UntilAsync(
            () => replicaB.SendAsync(WithApiKey(HttpMethod.Get, "/api/v1/categories", key.Key)),
            response => response.StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1), "replica B to refuse the revoked key");

        Assert.Equal(HttpStatusCode.OK, onA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
