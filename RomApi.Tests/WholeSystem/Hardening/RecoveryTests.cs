using RomApi.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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
