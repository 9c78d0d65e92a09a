namespace RomApi.Tests.WholeSystem.Hardening;

/// <summary>
/// The gateway's public port keeps the probes' answers (/health with its status, /alive) and serves the per-dependency detail and
/// /metrics only to admins (issue 14: both were open to anonymous callers).
/// </summary>
public sealed class OperatorEndpointsTests(SystemFixture system) : SystemTest(system)
{
    [Fact]
    public async Task Anonymous_health_gets_the_status_and_no_dependency_while_an_admin_gets_every_dependency()
    {
        using var bare = await Gateway.GetAsync("/health");
        using var detailed = await Gateway.GetAsAdminAsync("/health", Fixture.Credentials);

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
        var user = await Fixture.Credentials.NewUserAsync();
        using var userClient = user.GatewayClient(Fixture);
        using var anonymous = await Gateway.GetAsync("/metrics");
        using var asUser = await userClient.GetAsync("/metrics");
        var asAdmin = await Gateway.GetAsAdminStringAsync("/metrics", Fixture.Credentials);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("UNAUTHORIZED", await GatewayClients.ErrorCodeAsync(anonymous));
        Assert.Equal(HttpStatusCode.Forbidden, asUser.StatusCode);
        Assert.Contains("romapi_gateway_requests", asAdmin);
    }

    [Fact]
    public async Task Liveness_stays_open_to_probes()
    {
        using var alive = await Gateway.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
