// Analytics benchmarks against the real system (PostgreSQL, services, gateway started from the AppHost on random ports):
//   ingest: clients POST batches of events through the gateway for N seconds; then rows stored are compared with events
//           accepted, and the same events are written straight to PostgreSQL with COPY and with multi-row INSERT (peers).
//   stats:  10M events generated with SQL generate_series into the real schema (rollup built from them with SQL), then the
//           30-day daily stats of the busiest resource through the gateway, and the same aggregation in SQL over the rollup
//           and over the raw events (peers).
// Usage: dotnet run -c Release --project bench/analytics/AnalyticsBench -- [ingest|stats|all] [--seconds 60] [--batch 500]
//        [--clients 8] [--rows 10000000] [--ids true|false] [--id-version 4|7]
using AnalyticsBench;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using RomApi.Tests.Infrastructure;

var settings = BenchSettings.Parse(args);
Console.WriteLine($"settings: {settings}");
var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RomApi_AppHost>(
    [$"--AppHost:DataDirectory={Path.Combine(Path.GetTempPath(), $"romapi-analytics-bench-{Guid.NewGuid():N}")}", "--AppHost:GatewayPort=0", "--AppHost:DashboardPort=0"]);
// The bench measures ingestion, not the gateway's limits: lift them (events are posted anonymously, as a web page would).
appHost.CreateResourceBuilder<ProjectResource>("gateway")
    .WithEnvironment("Limits__AnonymousPerMinute", "100000000")
    .WithEnvironment("Limits__GlobalPerSecond", "100000000")
    .WithEnvironment("Limits__PerMinuteByPlan__FREE", "100000000");
await using var application = await appHost.BuildAsync();
using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)))
{
    await application.StartAsync(timeout.Token);
    await application.WaitForAllHealthyAsync(timeout.Token);
}
var system = await BenchSystem.CreateAsync(application);

if (settings.Mode is "ingest" or "all")
{
    await new IngestionBench(system, settings).RunAsync();
}
if (settings.Mode is "stats" or "all")
{
    await new StatsBench(system, settings).RunAsync();
}
