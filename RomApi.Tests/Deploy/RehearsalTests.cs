namespace RomApi.Tests.Deploy;

/// <summary>The production render rehearsed on this machine (see <see cref="Rehearsal"/>): probes, then one round trip.</summary>
public sealed class RehearsalTests(DeployRender render, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<DeployRender>
{
    [Fact]
    public async Task The_four_services_run_with_their_rendered_environment_and_serve_a_register_create_search_round_trip()
    {
        var production = render.Production;
        await using var rehearsal = new Rehearsal(production, output.WriteLine);
        await rehearsal.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        // Each service ready on its readiness probe's path and port, its liveness path answering.
        foreach (var deployment in production.All<V1Deployment>())
        {
            var name = deployment.Metadata.Name;
            var container = deployment.Spec.Template.Spec.Containers.Single();
            var port = rehearsal.LocalPort(name, int.Parse(container.ReadinessProbe.HttpGet.Port.Value));
            var readiness = $"http://127.0.0.1:{port}{container.ReadinessProbe.HttpGet.Path}";
            var liveness = $"http://127.0.0.1:{rehearsal.LocalPort(name, int.Parse(container.LivenessProbe.HttpGet.Port.Value))}{container.LivenessProbe.HttpGet.Path}";
            var ready = await Eventually.UntilAsync(() => StatusAsync(http, readiness), status => status == HttpStatusCode.OK, TimeSpan.FromMinutes(4),
                $"{name} ready at {readiness}; its last lines:\n{rehearsal.TailOf(name)}");
            rehearsal.Log($"{name}: GET {container.ReadinessProbe.HttpGet.Path} -> {(int)ready}");
            var alive = await StatusAsync(http, liveness);
            rehearsal.Log($"{name}: GET {container.LivenessProbe.HttpGet.Path} -> {(int)alive}");
            Assert.Equal(HttpStatusCode.OK, alive);
        }
        var managementPort = rehearsal.LocalPort("gateway-management", 8081);
        var metrics = await StatusAsync(http, $"http://127.0.0.1:{managementPort}/metrics");
        rehearsal.Log($"gateway-management: GET /metrics -> {(int)metrics}");
        Assert.Equal(HttpStatusCode.OK, metrics);

        // Through the gateway's public port only: register, create, publish as the admin the Secrets define, search.
        using var gateway = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{rehearsal.LocalPort("gateway", 8080)}"), Timeout = TimeSpan.FromSeconds(30) };
        var owner = await GatewayClients.RegisterAsync(gateway, "rehearsal");
        rehearsal.Log($"register: 201, user {owner.Id}");
        var resourceName = $"Rehearsal {Guid.NewGuid():N}"[..22];
        using var create = GatewayClients.Bearer(HttpMethod.Post, "/api/v1/api-resources", owner.AccessToken);
        create.Content = JsonContent.Create(new { name = resourceName, resourceType = "BUSINESS", description = "Pharmacie de garde", address = new { city = "Douala" } });
        using var created = await gateway.SendAsync(create);
        var id = (await GatewayClients.ReadAsync(created, HttpStatusCode.Created)).GetProperty("data").GetProperty("id").GetString()!;
        rehearsal.Log($"create: 201, resource {id}");

        var gatewayEnv = production.EnvironmentOf(production.One<V1Deployment>("gateway").Spec.Template.Spec.Containers.Single());
        var adminPassword = (string)new DbConnectionStringBuilder { ConnectionString = gatewayEnv["ConnectionStrings__identity-secrets"] }["AdminPassword"];
        using var login = await Eventually.UntilAsync(
            () => gateway.PostAsJsonAsync("/api/v1/auth/login", new { email = gatewayEnv["Identity__Admin__Email"], password = adminPassword }),
            response => response.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the seeded admin to log in");
        var adminToken = (await GatewayClients.ReadAsync(login, HttpStatusCode.OK)).GetProperty("data").GetProperty("accessToken").GetString()!;
        using var publish = GatewayClients.Bearer(HttpMethod.Post, $"/api/v1/api-resources/{id}/publish", adminToken);
        using var published = await gateway.SendAsync(publish);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        rehearsal.Log("publish (admin from the rendered Secret): 200");

        var query = Uri.EscapeDataString(resourceName);
        var hits = await Eventually.UntilAsync(async () =>
        {
            using var response = await gateway.GetAsync($"/api/v1/search?q={query}&limit=10");
            return response.StatusCode == HttpStatusCode.OK ? (await GatewayClients.ReadAsync(response, HttpStatusCode.OK)).GetProperty("data").EnumerateArray().ToList() : [];
        }, found => found.Any(hit => hit.GetProperty("id").GetString() == id), TimeSpan.FromSeconds(60), "the new resource in search results");
        rehearsal.Log($"search: 200, {hits.Count} hit(s), the new resource among them");
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }
}
