using RomApi.Hosting.ApplicationModel;
using System.Globalization;

namespace RomApi.Hosting.Orchestration;

/// <summary>Starts every replica of a .NET project from its build output with Aspire's environment contract, and probes /health.</summary>
internal sealed class ProjectRunner(ProjectResource project, ResourceState state, RunContext context, HttpClient http)
{
    private readonly List<ManagedProcess> _replicas = [];

    public IReadOnlyList<ManagedProcess> Replicas => _replicas;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        state.Set(ResourceStateNames.Waiting, endpoints: project.AllocatedPorts.Select(port => $"http://127.0.0.1:{port}").ToArray());
        foreach (var dependency in project.WaitsFor)
        {
            try
            {
                await context.States[dependency.Name].HealthyOnce.WaitAsync(cancellationToken);
            }
            catch (DistributedApplicationException)
            {
                state.Fail($"Not started: '{dependency.Name}' failed to start.", becauseOfDependency: true);
                return;
            }
        }

        if (!File.Exists(project.Metadata.TargetPath))
        {
            state.Fail($"The build output '{project.Metadata.TargetPath}' is missing: build the solution (dotnet build) and start again.");
            return;
        }

        state.Set(ResourceStateNames.Starting);
        for (var replica = 0; replica < project.Replicas; replica++)
        {
            var spec = new ProcessSpec("dotnet", [project.Metadata.TargetPath], await BuildEnvironmentAsync(replica, cancellationToken),
                Path.GetDirectoryName(project.Metadata.ProjectPath)!);
            var process = context.CreateProcess(state, replica, spec, restartOnExit: true);
            var port = project.AllocatedPorts[replica];
            state.UpdateReplica(replica, r => r.Port = port);
            _replicas.Add(process);
            await process.StartAsync();
        }
    }

    /// <summary>The environment of one replica: the same variables Aspire passes.</summary>
    internal async Task<Dictionary<string, string>> BuildEnvironmentAsync(int replica, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{project.AllocatedPorts[replica].ToString(CultureInfo.InvariantCulture)}",
            ["ASPNETCORE_ENVIRONMENT"] = context.Options.ServiceEnvironment,
            ["DOTNET_ENVIRONMENT"] = context.Options.ServiceEnvironment,
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={project.Name}-{replica}",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        if (context.OtlpEndpoint is { } otlp)
        {
            // As Aspire does for its dashboard: OTLP to the AppHost, with short export intervals so the dashboard is live.
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.GetLeftPart(UriPartial.Authority).Replace("localhost", "127.0.0.1");
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_METRIC_EXPORT_INTERVAL"] = "5000";
        }
        foreach (var (key, value) in project.Environment)
        {
            environment[key] = value switch
            {
                string literal => literal,
                IValueProvider provider => await provider.GetValueAsync(cancellationToken) ?? "",
                _ => value.ToString() ?? "",
            };
        }
        foreach (var service in project.ServiceReferences)
        {
            for (var i = 0; i < service.AllocatedPorts.Count; i++)
            {
                environment[$"services__{service.Name}__http__{i}"] = $"http://127.0.0.1:{service.AllocatedPorts[i]}";
            }
        }
        return environment;
    }

    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        for (var replica = 0; replica < _replicas.Count; replica++)
        {
            var snapshot = state.Snapshot().Replicas[replica];
            if (snapshot.State != ResourceStateNames.Running)
            {
                continue;
            }
            var healthy = await IsHealthyAsync(project.AllocatedPorts[replica], cancellationToken);
            state.UpdateReplica(replica, r =>
            {
                if (r.State == ResourceStateNames.Running)
                {
                    r.Health = healthy ? HealthStateNames.Healthy : HealthStateNames.Unhealthy;
                }
            });
        }
    }

    private async Task<bool> IsHealthyAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await http.GetAsync($"http://127.0.0.1:{port}/health", timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    public Task StopAsync() => Task.WhenAll(_replicas.Select(replica => replica.StopAsync(context.Options.StopGracePeriod)));
}
