namespace RomApi.Tests.WholeSystem.Hardening;

/// <summary>
/// Outages are answered as outages (503 SERVICE_UNAVAILABLE with Retry-After, never 500), and a service that is healthy again
/// is used again as soon as a health probe sees it, not when a fixed break ends (issue 14).
/// </summary>
[Collection(RecoveryCollection.Name)]
public sealed class RecoveryTests(RecoveryFixture system)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    [Fact]
    public void The_seeded_admin_can_log_in_as_soon_as_the_system_reports_ready()
    {
        Assert.Equal(HttpStatusCode.OK, system.FirstAdminLogin);
    }

    [Fact]
    public async Task While_postgresql_is_down_writes_and_me_answer_503_with_retry_after_and_writes_succeed_once_it_is_back()
    {
        var user = await system.Credentials.NewUserAsync();
        using var gateway = user.GatewayClient(system);

        var answers = new List<(string What, HttpResponseMessage Response)>();
        await using (await ServerOutage.BeginAsync(system.App, "postgres"))
        {
            for (var i = 0; i < 10; i++)
            {
                answers.Add(("write", await gateway.PostAsJsonAsync("/api/v1/api-resources", new { name = $"During outage {i}", resourceType = "API" })));
                answers.Add(("me", await gateway.GetAsync("/api/v1/auth/me")));
            }
        }
        using var after = await Eventually.UntilAsync(
            () => gateway.PostAsJsonAsync("/api/v1/api-resources", new { name = "After the outage", resourceType = "API" }),
            response => response.StatusCode == HttpStatusCode.Created, Recovery, "a write to succeed once PostgreSQL is back");

        try
        {
            // A restarted server lives a few milliseconds before the outage kills it again, so a request may get through.
            foreach (var (what, response) in answers.Where(answer => !answer.Response.IsSuccessStatusCode))
            {
                await AssertUnavailableAsync(response, what);
            }
            Assert.Contains(answers, answer => answer.What == "write" && answer.Response.StatusCode == HttpStatusCode.ServiceUnavailable);
            Assert.Contains(answers, answer => answer.What == "me" && answer.Response.StatusCode == HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            answers.ForEach(answer => answer.Response.Dispose());
        }
    }

    [Fact]
    public async Task While_postgresql_is_frozen_writes_and_me_answer_503_with_retry_after_and_cached_reads_are_served_marked_stale()
    {
        var user = await system.Credentials.NewUserAsync();
        using var gateway = user.GatewayClient(system);
        using var created = await gateway.PostAsJsonAsync("/api/v1/api-resources", new { name = "Cached before the freeze", resourceType = "API" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("id").GetString();
        using (var before = await gateway.GetAsync($"/api/v1/api-resources/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.False(before.Headers.Contains("X-Cache-Status"));
        }

        var postgres = (await system.App.ReplicasAsync("postgres"))[0];
        var writes = new List<HttpResponseMessage>();
        var reads = new List<HttpResponseMessage>();
        HttpResponseMessage me;
        using (FaultControl.Freeze(postgres.ProcessId!.Value))
        {
            writes.Add(await gateway.PostAsJsonAsync("/api/v1/api-resources", new { name = "During the freeze", resourceType = "API" }));
            me = await gateway.GetAsync("/api/v1/auth/me");
            // The replicas learn that the database is away from their failures and their health checks; until then a cached read
            // is served unmarked, afterwards marked stale. Either way it is served.
            var stale = await Eventually.UntilAsync(() => gateway.GetAsync($"/api/v1/api-resources/{id}"),
                response => response.StatusCode != HttpStatusCode.OK || response.Headers.Contains("X-Cache-Status"), Recovery,
                "a cached read marked stale");
            reads.Add(stale);
            for (var i = 0; i < 5; i++)
            {
                reads.Add(await gateway.GetAsync($"/api/v1/api-resources/{id}"));
            }
            writes.Add(await gateway.PostAsJsonAsync("/api/v1/api-resources", new { name = "Still during the freeze", resourceType = "API" }));
        }
        using var after = await Eventually.UntilAsync(
            () => gateway.PostAsJsonAsync("/api/v1/api-resources", new { name = "After the freeze", resourceType = "API" }),
            response => response.StatusCode == HttpStatusCode.Created, Recovery, "a write to succeed once PostgreSQL answers again");
        using var freshRead = await Eventually.UntilAsync(() => gateway.GetAsync($"/api/v1/api-resources/{id}"),
            response => response.StatusCode == HttpStatusCode.OK && !response.Headers.Contains("X-Cache-Status"), Recovery,
            "reads no longer marked stale");

        try
        {
            foreach (var write in writes)
            {
                await AssertUnavailableAsync(write, "write while frozen");
            }
            await AssertUnavailableAsync(me, "me while frozen");
            Assert.All(reads, read => Assert.Equal(HttpStatusCode.OK, read.StatusCode));
            Assert.All(reads, read => Assert.Equal("STALE", read.Headers.GetValues("X-Cache-Status").Single()));
            Assert.Contains("Cached before the freeze", await reads[0].Content.ReadAsStringAsync());
        }
        finally
        {
            writes.ForEach(r => r.Dispose());
            reads.ForEach(r => r.Dispose());
            me.Dispose();
        }
    }

    [Fact]
    public async Task A_login_throttle_outlives_a_cache_kill_and_never_stops_the_owner_from_a_clean_address()
    {
        var gatewayAddress = system.App.GetEndpoint("gateway", "http");
        using var attacker = GatewayClients.FromAddress(gatewayAddress, System.Net.IPAddress.Parse("127.0.3.1"));
        using var owner = GatewayClients.FromAddress(gatewayAddress, System.Net.IPAddress.Parse("127.0.3.2"));
        var account = await GatewayClients.RegisterAsync(owner, "target");
        for (var i = 0; i < 5; i++)
        {
            using var failed = await attacker.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = $"guess {i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var cache = (await system.App.ReplicasAsync("cache"))[0];
        Assert.True(FaultControl.KillWithDescendants(cache.ProcessId!.Value), "the cache was not running");
        await Eventually.UntilAsync(async () => (await system.App.ReplicasAsync("cache"))[0],
            now => now.ProcessId != cache.ProcessId && now.Health == "Healthy", Recovery, "the cache to be back");
        using var afterKill = await attacker.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password });
        var ownerLogin = await GatewayClients.LoginAsync(owner, account.Email, account.Password);

        await GatewayClients.AssertLoginThrottledAsync(afterKill);
        Assert.Equal(account.Id, ownerLogin.Id);
    }

    [Fact]
    public async Task A_killed_search_service_is_used_again_once_its_restarted_process_passes_a_health_probe()
    {
        using var gateway = system.CreateGatewayClient();
        using (var before = await gateway.GetAsync("/api/v1/search?q=hotel"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await Processes.KillReplicaAsync(system.App, "searchservice", 0);
        using (var down = await gateway.GetAsync("/api/v1/search?q=hotel"))
        {
            // The failed forward opens the breaker and ejects the replica, each for ten minutes here. (The orchestrator restarts the
            // process after a second; should it already answer, there was nothing to recover from.)
            if (down.StatusCode != HttpStatusCode.OK)
            {
                await AssertUnavailableAsync(down, "search while killed");
            }
        }
        using var service = system.App.CreateHttpClient("searchservice");
        await Eventually.UntilAsync(() => HealthOfAsync(service), status => status == HttpStatusCode.OK, Recovery, "the restarted search service to be healthy");

        using var back = await Eventually.UntilAsync(() => gateway.GetAsync("/api/v1/search?q=hotel"),
            r => r.StatusCode == HttpStatusCode.OK, Recovery, "the gateway to send searches to the restarted service");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task While_redis_is_frozen_reads_are_answered_and_the_service_reports_its_cache_degraded_in_time()
    {
        using var gateway = system.CreateGatewayClient();
        using var resourceService = system.App.CreateHttpClient("resourceservice");
        var cache = (await system.App.ReplicasAsync("cache"))[0];
        var reads = new List<(HttpStatusCode Status, string Body)>();
        JsonElement health;
        using (FaultControl.Freeze(cache.ProcessId!.Value))
        {
            // About ten seconds: long enough for the gateway to probe each service's /health several times (once a second, giving
            // up after 2 s); a /health that waited on the frozen cache longer than that took the working replicas out of rotation
            // (every read answered 503 from about six seconds on).
            for (var i = 0; i < 16; i++)
            {
                using var read = await gateway.GetAsync("/api/v1/categories");
                reads.Add((read.StatusCode, await read.Content.ReadAsStringAsync()));
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
            health = JsonDocument.Parse(await resourceService.GetStringAsync("/health")).RootElement.Clone();
        }

        Assert.All(reads, read => Assert.True(read.Status == HttpStatusCode.OK, $"{(int)read.Status}: {read.Body}"));
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Contains(health.GetProperty("checks").EnumerateArray(),
            check => check.GetProperty("name").GetString() == "redis" && check.GetProperty("status").GetString() == "Degraded");
    }

    [Fact]
    public async Task The_management_port_serves_metrics_and_the_detailed_health_to_anyone_who_reaches_it()
    {
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{system.ManagementPort}") };
        using var publicPort = system.CreateGatewayClient();

        var metrics = await management.GetStringAsync("/metrics");
        var health = JsonDocument.Parse(await management.GetStringAsync("/health")).RootElement;
        using var publicMetrics = await publicPort.GetAsync("/metrics");

        Assert.Contains("romapi_gateway", metrics);
        Assert.Contains(health.GetProperty("checks").EnumerateArray(), check => check.GetProperty("name").GetString() == "admin");
        Assert.Equal(HttpStatusCode.Unauthorized, publicMetrics.StatusCode);
    }

    private static async Task<HttpStatusCode?> HealthOfAsync(HttpClient service)
    {
        try
        {
            using var response = await service.GetAsync("/health");
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: expected 503, got {(int)response.StatusCode}: {text}");
        Assert.Equal("SERVICE_UNAVAILABLE", JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{what}: no Retry-After");
    }
}
