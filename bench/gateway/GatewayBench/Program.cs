using RomApi.Hosting;
using RomApi.Hosting.ApplicationModel;
using RomApi.Hosting.Testing;
using System.Runtime.InteropServices;
using System.Text.Json;

// Usage: GatewayBench <state.json> <resourceservice replicas> [KEY=VALUE gateway environment...]
// Starts the whole system on random ports, writes <state.json> every second (ports, pids, health), stops on SIGTERM/SIGINT.
var statePath = args[0];
var resourceReplicas = int.Parse(args[1]);
var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RomApi_AppHost>();
appHost.GetResource<ProjectResource>("resourceservice").WithReplicas(resourceReplicas);
var gateway = appHost.GetResource<ProjectResource>("gateway");
foreach (var pair in args.Skip(2))
{
    var split = pair.IndexOf('=');
    gateway.WithEnvironment(pair[..split], pair[(split + 1)..]);
}

await using var application = await appHost.BuildAndStartAsync();
using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
{
    await application.App.WaitForAllHealthyAsync(timeout.Token);
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
    var state = new
    {
        ready = true,
        adminPassword,
        connectionStrings,
        resources = new[] { "gateway", "resourceservice", "searchservice", "analyticsservice" }.ToDictionary(name => name, name => application.App.States[name].Snapshot().Replicas
            .Select(replica => new { replica.Port, replica.ProcessId, replica.Health, replica.Restarts }).ToArray()),
    };
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
