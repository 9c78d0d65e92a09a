using RomApi.Tests.Infrastructure;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;

namespace RomApi.Tests.Hardening;

/// <summary>
/// A system of its own for the outage tests (they kill PostgreSQL and the search service). Its gateway's circuit breakers open
/// at the first failure and, like a passive ejection, would last ten minutes: only a passing health probe can bring a service
/// back in time for a test, which is what the tests show. It also records the first admin login made the moment the system
/// reported ready, and gives its gateway a management port.
/// </summary>
public sealed class RecoveryFixture : SystemFixture, IAsyncLifetime
{
    private const string AdminEmail = "admin@romapi.local";

    /// <summary>The status of the seeded admin's login sent as soon as every resource reported healthy.</summary>
    public HttpStatusCode FirstAdminLogin { get; private set; }

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var secrets = new DbConnectionStringBuilder { ConnectionString = await Application.GetConnectionStringAsync("identity-secrets") };
        using var gateway = CreateGatewayClient();
        using var login = await gateway.PostAsJsonAsync("/api/v1/auth/login", new { email = AdminEmail, password = secrets["AdminPassword"].ToString() });
        FirstAdminLogin = login.StatusCode;
    }

    /// <summary>The gateway's management port: a free loopback port, picked when the fixture is made.</summary>
    public int ManagementPort { get; } = FreePort();

    protected override void Configure(TestingAppHost appHost) =>
        appHost.GetResource<ProjectResource>("gateway")
            .WithEnvironment("Management__Url", $"http://127.0.0.1:{ManagementPort}")
            .WithEnvironment("Proxy__CircuitBreakerFailures", "1")
            .WithEnvironment("Proxy__CircuitBreakerBreak", "00:10:00")
            .WithEnvironment("Proxy__PassiveReactivationPeriod", "00:10:00");

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class RecoveryCollection : ICollectionFixture<RecoveryFixture>
{
    public const string Name = "recovery system";
}
