namespace RomApi.Tests.WholeSystem.Hardening;

/// <summary>
/// The gateway's public port keeps the probes' answers (/health with its status, /alive) and serves the per-dependency detail and
/// /metrics only to admins (issue 14: both were open to anonymous callers).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OperatorEndpointsTests(SystemFixture system)
{
    [Fact]
    public async Task Anonymous_health_gets_the_status_and_no_dependency_while_an_admin_gets_every_dependency()
    {
        using var gateway = system.CreateGatewayClient();
        using var bare = await gateway.GetAsync("/health");
        using var detailed = await gateway.GetAsAdminAsync("/health", system.Credentials);

        var bareBody = JsonDocument.Parse(await bare.Content.ReadAsStringAsync()).RootElement;
        var detailedBody = JsonDocument.Parse(await detailed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Equal("Healthy", bareBody.GetProperty("status").GetString());
        Assert.False(bareBody.TryGetProperty("checks", out _));
        Assert.Equal(HttpStatusCode.OK, detailed.StatusCode);
        Assert.Contains(detailedBody.GetProperty("checks").EnumerateArray(), check => check.GetProperty("name").GetString() == "resourceservice");
    }

    [Fact]
    public async Task Metrics_refuse_anonymous_callers_with_401_and_users_with_403_and_answer_an_admin()
    {
        using var gateway = system.CreateGatewayClient();
        var user = await system.Credentials.NewUserAsync();
        using var userClient = user.GatewayClient(system);
        using var anonymous = await gateway.GetAsync("/metrics");
        using var asUser = await userClient.GetAsync("/metrics");
        var asAdmin = await gateway.GetAsAdminStringAsync("/metrics", system.Credentials);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("UNAUTHORIZED", await GatewayClients.ErrorCodeAsync(anonymous));
        Assert.Equal(HttpStatusCode.Forbidden, asUser.StatusCode);
        Assert.Contains("romapi_gateway_requests", asAdmin);
    }

    [Fact]
    public async Task Liveness_stays_open_to_probes()
    {
        using var gateway = system.CreateGatewayClient();
        using var alive = await gateway.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
