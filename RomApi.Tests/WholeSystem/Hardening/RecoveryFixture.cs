namespace RomApi.Tests.WholeSystem.Hardening;

/// <summary>
/// A system of its own for the outage tests (they kill PostgreSQL and the search service). Its gateway's circuit breakers open
/// at the first failure and, like a passive ejection, would last ten minutes: only a passing health probe can bring a service
/// back in time for a test, which is what the tests show. It also records the first admin login made the moment the system
/// reported ready, and reads its gateway's management port.
/// </summary>
public sealed class RecoveryFixture : SystemFixture
{
    private const string AdminEmail = "admin@romapi.local";

    /// <summary>The status of the seeded admin's login sent as soon as every resource reported healthy.</summary>
    public HttpStatusCode FirstAdminLogin { get; private set; }

    protected override async Task OnStartedAsync()
    {
        var secrets = new DbConnectionStringBuilder { ConnectionString = await App.GetConnectionStringAsync("identity-secrets") };
        using var gateway = CreateGatewayClient();
        using var login = await gateway.PostAsJsonAsync("/api/v1/auth/login", new { email = AdminEmail, password = secrets["AdminPassword"].ToString() });
        FirstAdminLogin = login.StatusCode;
        ManagementPort = App.GetEndpoint("gateway", "management").Port;
    }

    /// <summary>The gateway's management port, as the AppHost gave it (the gateway's "management" endpoint).</summary>
    public int ManagementPort { get; private set; }

    protected override void Configure(IDistributedApplicationTestingBuilder appHost) =>
        appHost.CreateResourceBuilder<ProjectResource>("gateway")
            .WithEnvironment("Proxy__CircuitBreakerFailures", "1")
            .WithEnvironment("Proxy__CircuitBreakerBreak", "00:10:00")
            .WithEnvironment("Proxy__PassiveReactivationPeriod", "00:10:00");
}

[CollectionDefinition(Name)]
public sealed class RecoveryCollection : ICollectionFixture<RecoveryFixture>
{
    public const string Name = "recovery system";
}
