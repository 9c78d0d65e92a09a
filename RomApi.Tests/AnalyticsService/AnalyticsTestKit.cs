namespace RomApi.Tests.AnalyticsService;

/// <summary>
/// Callers, resources and events for the analytics tests. Requests through the gateway carry real credentials
/// (<see cref="GatewayCredentials"/>); only the analytics service's internal endpoint is called directly, with a platform token
/// minted with the platform-auth key as services do. Resources are inserted into resourcedb directly, so each test gets one
/// in a known state cheaply; the analytics service itself only learns about them over HTTP from the resource service.
/// </summary>
public sealed class AnalyticsTestKit(SystemFixture system)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<Caller> NewUserAsync(string userType = "BUSINESS") => system.Credentials.NewUserAsync(userType);

    public Task<Caller> ApiKeyAsync(Caller owner, params string[] permissions) => system.Credentials.ApiKeyAsync(owner, permissions);

    public Task<Caller> AdminAsync() => system.Credentials.AdminAsync();

    /// <summary>A gateway client acting as <paramref name="caller"/>.</summary>
    public HttpClient GatewayAs(Caller caller) => caller.GatewayClient(system);

    /// <summary>A user-shaped identity for requests straight to the analytics service (the gateway would never send one there).</summary>
    public static PlatformIdentity MintedUser() => new(Guid.NewGuid(), "minted@example.cm", "BUSINESS", "FREE", null, []);

    /// <summary>A service identity token, as services send to each other's internal endpoints.</summary>
    public Task<string> ServiceTokenAsync(string service) => system.IssueAsync(PlatformIdentity.Service(service));

    /// <summary>The analytics service directly, as another ROMAPI service calls it (service token unless told otherwise).</summary>
    public async Task<HttpClient> AnalyticsServiceAsAsync(PlatformIdentity? identity)
    {
        var client = system.App.CreateHttpClient("analyticsservice");
        if (identity is not null)
        {
            client.DefaultRequestHeaders.Add(PlatformTokenService.HeaderName, await system.IssueAsync(identity));
        }
        return client;
    }

    /// <summary>An ACTIVE, published resource owned by <paramref name="ownerId"/>.</summary>
    public async Task<Guid> CreateResourceAsync(Guid ownerId)
    {
        var id = Guid.NewGuid();
        await using var dataSource = NpgsqlDataSource.Create((await system.App.GetConnectionStringAsync("resourcedb"))!);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO api_resources (id, name, slug, resource_type, country, status, plan, verified, user_id, created_at, updated_at, published_at)
            VALUES (@id, @name, @slug, 'BUSINESS', 'CM', 'ACTIVE', 'FREE', false, @owner, now(), now(), now())
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("name", $"Analytics test {id:N}");
        command.Parameters.AddWithValue("slug", $"analytics-test-{id:N}");
        command.Parameters.AddWithValue("owner", ownerId);
        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>A new user and an ACTIVE, published resource of theirs: what most analytics tests count events about.</summary>
    public async Task<(Caller Owner, Guid Resource)> NewOwnedResourceAsync()
    {
        var owner = await NewUserAsync();
        return (owner, await CreateResourceAsync(owner.Id));
    }

    /// <summary>Raw event rows stored for a resource (not the rollup).</summary>
    public async Task<long> StoredEventCountAsync(Guid resource) =>
        await QueryAnalyticsDbAsync<long>("SELECT count(*) FROM analytics_events WHERE resource_id = @r", ("r", resource));

    public async Task<T?> QueryAnalyticsDbAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create((await system.App.GetConnectionStringAsync("analyticsdb"))!);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var result = await command.ExecuteScalarAsync();
        return result is DBNull or null ? default : (T)result;
    }

    public async Task<JsonObject> PostInternalAsync(object body)
    {
        using var client = await AnalyticsServiceAsAsync(PlatformIdentity.Service("resourceservice"));
        using var response = await client.PostAsJsonAsync("/internal/events", body, Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["data"]!.AsObject();
    }

    public static async Task<JsonObject> ReadDataAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["data"]!.AsObject();
    }

    /// <summary>Stats as the owner sees them, polled until <paramref name="done"/> holds (ingestion is asynchronous).</summary>
    public async Task<JsonObject> StatsWhenAsync(Guid resourceId, Caller reader, string query, Func<JsonObject, bool> done)
    {
        using var client = GatewayAs(reader);
        return await Eventually.UntilAsync(async () =>
        {
            using var response = await client.GetAsync($"/api/v1/analytics/resources/{resourceId}/stats?{query}");
            return await ReadDataAsync(response);
        }, done, TimeSpan.FromSeconds(15), $"stats of {resourceId} ({query})");
    }

    /// <summary>Sum of one counter over its label sets, from the analytics service's Prometheus text.</summary>
    public async Task<double> MetricAsync(string name)
    {
        using var client = system.App.CreateHttpClient("analyticsservice");
        var text = await client.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is '{' or ' '))
            // name{labels} value [timestamp]
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[line.Contains('{') ? 0 : 1],
                System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// One VIEW counts per client, resource and UTC hour: a test that counts views waits, when the hour ends within two minutes,
    /// for the next one, so that its views fall into one window whatever the time it runs.
    /// </summary>
    public static async Task AwayFromHourEdgeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var nextHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        if (nextHour - now < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(nextHour - now + TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>An ACTIVE or PENDING resource owned by <paramref name="ownerId"/>.</summary>
    public async Task<Guid> CreateResourceAsync(Guid ownerId, string status)
    {
        var id = await CreateResourceAsync(ownerId);
        await using var dataSource = NpgsqlDataSource.Create((await system.App.GetConnectionStringAsync("resourcedb"))!);
        await using var command = dataSource.CreateCommand("UPDATE api_resources SET status = @status WHERE id = @id");
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
        return id;
    }

    public static long Total(JsonObject stats, string eventType) => stats["totals"]![eventType]!.GetValue<long>();

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
