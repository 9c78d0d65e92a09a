namespace RomApi.Tests.Gateway;

/// <summary>
/// A copy of the system for the routing fault tests: two replicas of the resource and search services, a very short timeout on the
/// bulk ingest route, one allowed CORS origin, and an orchestrator that leaves a killed process down (so a test decides when a
/// replica is gone, not the restart back-off). Tests kill replicas: each test uses its own service or leaves one replica alive.
/// </summary>
public sealed class ResilienceFixture : SystemFixture
{
    public const string AllowedOrigin = "https://app.romapi.test";
    public const string SlowRoute = "/api/v1/api-resources/ingest";
    // Far below what a 1000-item ingest takes (parse, enrich, write each item to PostgreSQL), far above a one-row read.
    public static readonly TimeSpan SlowRouteTimeout = TimeSpan.FromMilliseconds(50);

    protected override string[] AppHostArguments => ["--AppHost:RestartExitedProcesses=false"];

    protected override void Configure(IDistributedApplicationTestingBuilder appHost)
    {
        appHost.CreateResourceBuilder<ProjectResource>("resourceservice").WithReplicas(2);
        appHost.CreateResourceBuilder<ProjectResource>("searchservice").WithReplicas(2);
        appHost.CreateResourceBuilder<ProjectResource>("gateway")
            .WithEnvironment($"Proxy__RouteTimeouts__{SlowRoute}", SlowRouteTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Edge__CorsOrigins__0", AllowedOrigin);
    }

    /// <summary>Kills one replica outright (as a crash would) and returns once its process is gone; it is not restarted.</summary>
    public Task KillAsync(string resource, int replica) => Processes.KillReplicaAsync(App, resource, replica);
}

[CollectionDefinition(Name)]
public sealed class ResilienceCollection : ICollectionFixture<ResilienceFixture>
{
    public const string Name = "resilience system";
}
