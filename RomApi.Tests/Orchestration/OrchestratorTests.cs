using RomApi.Tests.Infrastructure;
using System.Net.Http.Json;

namespace RomApi.Tests.Orchestration;

public sealed class OrchestratorTests
{
    private sealed record EchoReport(int ProcessId, DateTime StartedAt, Dictionary<string, string> Environment);

    private static async Task<EchoReport> EchoAsync(TestingApplication app, string resource, int replica)
    {
        var port = app.App.States[resource].Snapshot().Replicas[replica].Port;
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        return (await client.GetFromJsonAsync<EchoReport>("/env"))!;
    }

    [Fact]
    public async Task Services_get_Aspires_environment_contract_with_one_discovery_entry_per_replica()
    {
        await using var app = await EchoTopology.StartAsync();
        var first = app.App.States["first"].Snapshot();
        var second = await EchoAsync(app, "second", 0);
        var env = second.Environment;

        Assert.Equal($"http://127.0.0.1:{first.Replicas[0].Port}", env["services__first__http__0"]);
        Assert.Equal($"http://127.0.0.1:{first.Replicas[1].Port}", env["services__first__http__1"]);
        Assert.NotEqual(first.Replicas[0].Port, first.Replicas[1].Port);
        Assert.Equal(await app.GetConnectionStringAsync("cache"), env["ConnectionStrings__cache"]);
        Assert.Matches(@"^127\.0\.0\.1:\d+,password=\w{22}$", env["ConnectionStrings__cache"]);
        Assert.Equal("second", env["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=second-0", env["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal($"http://127.0.0.1:{app.App.States["second"].Snapshot().Replicas[0].Port}", env["ASPNETCORE_URLS"]);
        var firstReplica1 = await EchoAsync(app, "first", 1);
        Assert.Equal("service.instance.id=first-1", firstReplica1.Environment["OTEL_RESOURCE_ATTRIBUTES"]);
    }

    [Fact]
    public async Task WaitFor_starts_a_dependent_only_after_its_dependency_is_healthy()
    {
        await using var app = await EchoTopology.StartAsync();
        var first0 = await EchoAsync(app, "first", 0);
        var first1 = await EchoAsync(app, "first", 1);
        var second = await EchoAsync(app, "second", 0);

        // Each replica of "first" answers /health 503 for its first 1.5 s, so "second" cannot have started before that.
        var firstHealthyNoEarlierThan = new[] { first0.StartedAt, first1.StartedAt }.Max().AddMilliseconds(EchoTopology.FirstStartupDelayMs);
        Assert.True(second.StartedAt >= firstHealthyNoEarlierThan,
            $"second started at {second.StartedAt:O}, before first could be healthy ({firstHealthyNoEarlierThan:O})");
    }

    [Fact]
    public async Task A_killed_replica_is_restarted_and_the_restart_is_counted()
    {
        await using var app = await EchoTopology.StartAsync();
        var before = app.App.States["first"].Snapshot().Replicas[1];

        Processes.KillHard(before.ProcessId!.Value);

        var after = await Eventually.UntilAsync(
            () => Task.FromResult(app.App.States["first"].Snapshot()),
            snapshot => snapshot.Replicas[1].Restarts == 1 && snapshot.Replicas[1].Health == "Healthy",
            TimeSpan.FromSeconds(30), "replica first-1 to come back");
        Assert.NotEqual(before.ProcessId, after.Replicas[1].ProcessId);
        Assert.Equal(0, after.Replicas[0].Restarts);
        Assert.Equal(1, after.Restarts);
        Assert.Contains(app.App.States["first"].Logs.Tail(200), line => line.Text.Contains("restarting in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_the_application_leaves_no_child_process()
    {
        var app = await EchoTopology.StartAsync();
        var pids = app.App.States.All
            .SelectMany(state => state.Snapshot().Replicas)
            .Select(replica => replica.ProcessId)
            .OfType<int>()
            .Where(pid => pid != Environment.ProcessId)
            .ToArray();
        Assert.True(pids.Length >= 3, $"expected the three service replicas (and redis-server), got {pids.Length}");

        await app.DisposeAsync();

        Assert.All(pids, pid => Assert.False(Processes.IsAlive(pid), $"pid {pid} outlived the application"));
    }

    [Fact]
    public async Task A_taken_dashboard_port_is_reported_with_the_setting_to_change()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => EchoTopology.StartAsync($"--AppHost:DashboardPort={port}"));

        Assert.Contains($"Port {port}", error.Message);
        Assert.Contains("AppHost__DashboardPort", error.Message);
    }
}
