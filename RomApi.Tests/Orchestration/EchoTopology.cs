namespace RomApi.Tests.Orchestration;

/// <summary>A small model of real processes for testing the orchestrator: Redis, a two-replica service and one that waits for it.</summary>
internal static class EchoTopology
{
    public const int FirstStartupDelayMs = 1500;

    public static async Task<TestingApplication> StartAsync(params string[] extraArgs)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"romapi-orch-{Guid.NewGuid():N}"[..24]);
        var builder = DistributedApplication.CreateBuilder([$"--AppHost:DataDirectory={dataDirectory}", "--AppHost:DashboardPort=0", .. extraArgs]);
        var cache = builder.AddRedis("cache");
        var first = builder.AddProject<Projects.RomApi_Tests_EchoService>("first")
            .WithReplicas(2)
            .WithReference(cache).WaitFor(cache)
            .WithEnvironment("ECHO_STARTUP_DELAY_MS", FirstStartupDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.AddProject<Projects.RomApi_Tests_EchoService>("second")
            .WithReference(first).WaitFor(first)
            .WithReference(cache);

        var app = builder.Build();
        var testing = new TestingApplication(app, dataDirectory);
        try
        {
            await app.StartAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await app.WaitForAllHealthyAsync(timeout.Token);
        }
        catch
        {
            await testing.DisposeAsync();
            throw;
        }
        return testing;
    }
}
