using System.Runtime.InteropServices;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using RomApi.Tests.Infrastructure;

// Usage: GatewayBench <state.json> <resourceservice replicas> [KEY=VALUE gateway environment...]
// Starts the whole system on free ports, writes <state.json> every second (ports, pids, health), stops on SIGTERM/SIGINT.
var statePath = args[0];
var resourceReplicas = int.Parse(args[1]);
var data = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(statePath))!, "data");
var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RomApi_AppHost>(
    [$"--AppHost:DataDirectory={data}", "--AppHost:GatewayPort=0", "--AppHost:DashboardPort=0"]);
appHost.CreateResourceBuilder<ProjectResource>("resourceservice").WithReplicas(resourceReplicas);
var gateway = appHost.CreateResourceBuilder<ProjectResource>("gateway");
foreach (var pair in args.Skip(2))
{
    var split = pair.IndexOf('=');
    gateway.WithEnvironment(pair[..split], pair[(split + 1)..]);
}

await using var application = await appHost.BuildAsync();
using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
{
    await application.StartAsync(timeout.Token);
    await application.WaitForAllHealthyAsync(timeout.Token);
}
var secrets = await application.GetConnectionStringAsync("identity-secrets");
var adminPassword = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = secrets }["AdminPassword"]!.ToString();
var connectionStrings = new Dictionary<string, string?>();
foreach (var name in new[] { "identitydb", "cache", "identity-secrets" })
{
    connectionStrings[name] = await application.GetConnectionStringAsync(name);
}

using var stop = new CancellationTokenSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
while (!stop.IsCancellationRequested)
{
    var resources = new Dictionary<string, object[]>();
    foreach (var name in new[] { "gateway", "resourceservice", "searchservice", "analyticsservice" })
    {
        resources[name] = [.. (await application.ReplicasAsync(name)).Select(replica => new
        {
            Port = replica.HttpAddress?.Port,
            replica.ProcessId,
            replica.Health,
        })];
    }
    var state = new { ready = true, adminPassword, connectionStrings, resources, managementPort = application.GetEndpoint("gateway", "management").Port };
    var temporary = statePath + ".tmp";
    await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(state));
    File.Move(temporary, statePath, overwrite: true);
    try
    {
        await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
    }
    catch (OperationCanceledException)
    {
        // Stopping.
    }
}
