namespace RomApi.Tests.Gateway;

/// <summary>
/// A second copy of the system for the limit tests: two gateway replicas (they must share every limit through Redis) and small
/// limits, so a test reaches them in a handful of requests. Anonymous limits are per client IP; each test that needs a clean
/// per-IP budget connects from its own loopback address.
/// </summary>
public sealed class LimitsFixture : SystemFixture
{
    public const int FreePerMinute = 5;
    public const int AnonymousPerMinute = 4;
    private int _nextAddress = 10;

    /// <summary>
    /// This system also proves the fresh-machine path: redis-server is hidden from the AppHost's PATH, so its cache is the
    /// Garnet server of tools/RomApi.Garnet, and the shared limits below run on it.
    /// </summary>
    protected override string[] AppHostArguments => ["--PATH=/nonexistent/romapi-no-redis-server"];

    protected override void Configure(IDistributedApplicationTestingBuilder appHost) =>
        appHost.CreateResourceBuilder<ProjectResource>("gateway")
            .WithProxiedReplicas(2)
            .WithEnvironment("Limits__PerMinuteByPlan__FREE", FreePerMinute.ToString())
            .WithEnvironment("Limits__AnonymousPerMinute", AnonymousPerMinute.ToString());

    /// <summary>
    /// Sets a user's plan and monthly quota the way the platform's operators do, in the database (not through the public API). A
    /// token carries the old values until refreshed; an API key looked up afterwards carries the new ones.
    /// </summary>
    public async Task SetPlanAsync(Guid userId, string plan, long quota)
    {
        await using var connection = new Npgsql.NpgsqlConnection(await App.GetConnectionStringAsync("identitydb"));
        await connection.OpenAsync();
        await using var update = new Npgsql.NpgsqlCommand("UPDATE users SET plan = @plan, api_quota = @quota WHERE id = @id", connection);
        update.Parameters.AddWithValue("plan", plan);
        update.Parameters.AddWithValue("quota", quota);
        update.Parameters.AddWithValue("id", userId);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    /// <summary>The base address of each gateway replica.</summary>
    public IReadOnlyList<Uri> GatewayReplicas { get; private set; } = [];

    protected override async Task OnStartedAsync() =>
        GatewayReplicas = [.. (await App.ReplicasAsync("gateway")).Select(replica => replica.HttpAddress!)];

    /// <summary>A client of one replica that connects from a loopback address no other test uses.</summary>
    public HttpClient NewClientOf(int replica) =>
        GatewayClients.FromAddress(GatewayReplicas[replica], System.Net.IPAddress.Parse($"127.0.1.{Interlocked.Increment(ref _nextAddress)}"));

    /// <summary>Clients of both replicas from one and the same new loopback address.</summary>
    public (HttpClient A, HttpClient B) NewClientPair()
    {
        var address = System.Net.IPAddress.Parse($"127.0.1.{Interlocked.Increment(ref _nextAddress)}");
        return (GatewayClients.FromAddress(GatewayReplicas[0], address), GatewayClients.FromAddress(GatewayReplicas[1], address));
    }
}

[CollectionDefinition(Name)]
public sealed class LimitsCollection : ICollectionFixture<LimitsFixture>
{
    public const string Name = "limits system";
}
