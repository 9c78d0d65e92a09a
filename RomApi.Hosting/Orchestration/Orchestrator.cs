using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RomApi.Hosting.ApplicationModel;

namespace RomApi.Hosting.Orchestration;

/// <summary>
/// Runs the application model on this machine: servers first, then each project once what it waits for is healthy;
/// probes health; stops projects before the servers they use.
/// </summary>
internal sealed partial class Orchestrator : IAsyncDisposable
{
    private readonly IReadOnlyList<IResource> _resources;
    private readonly IConfiguration _configuration;
    private readonly RunContext _context;
    private readonly ProcessRegistry _registry;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Dictionary<string, IInfrastructureRunner> _infrastructure = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ProjectRunner> _projects = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly List<Task> _starts = [];
    private Task? _healthLoop;

    public Orchestrator(IReadOnlyList<IResource> resources, IConfiguration configuration, AppHostOptions options, DataDirectory data,
        ResourceStateStore states, TimeProvider time, ILoggerFactory loggerFactory, Uri? otlpEndpoint)
    {
        _resources = resources;
        _configuration = configuration;
        _registry = new ProcessRegistry(data, loggerFactory.CreateLogger<ProcessRegistry>());
        _context = new RunContext(data, options, states, _registry, time, loggerFactory, otlpEndpoint);
    }

    public ResourceStateStore States => _context.States;

    public ProjectRunner Project(string name) => _projects[name];

    /// <summary>Checks the set-up, cleans up after a killed AppHost, assigns ports and launches everything in dependency order.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _context.Data.EnsureCreated();
        await _registry.CleanUpLeftoversAsync(cancellationToken);
        ParameterValues.Resolve(_resources.OfType<ParameterResource>(), _configuration, _context.Data);
        AssignPorts();

        var token = _shutdown.Token;
        foreach (var resource in _resources)
        {
            switch (resource)
            {
                case PostgresServerResource postgres:
                    PostgresRunner.FindBinaries(_context.Options.PostgresBinDirectory);
                    StartInfrastructure(postgres, new PostgresRunner(postgres, States[postgres.Name], _context), token);
                    break;
                case RedisResource redis:
                    StartInfrastructure(redis, new RedisRunner(redis, States[redis.Name], _context), token);
                    break;
                case ElasticsearchResource search:
                    StartInfrastructure(search, new SearchEngineRunner(search, States[search.Name], _context, _configuration[$"ConnectionStrings:{search.Name}"], _http), token);
                    break;
                case ProjectResource project:
                    var runner = new ProjectRunner(project, States[project.Name], _context, _http);
                    _projects[project.Name] = runner;
                    _starts.Add(runner.StartAsync(token));
                    break;
            }
        }
        _healthLoop = Task.Run(() => ProbeLoopAsync(token), CancellationToken.None);
    }

    /// <summary>Completes when every resource has been healthy once; throws the first start-up failure, with its message for the user.</summary>
    public async Task WaitForAllHealthyAsync(CancellationToken cancellationToken)
    {
        var all = States.All.Select(state => state.HealthyOnce).ToList();
        while (all.Count > 0)
        {
            var done = await Task.WhenAny(all).WaitAsync(cancellationToken);
            await done;
            all.Remove(done);
        }
    }

    private void AssignPorts()
    {
        foreach (var resource in _resources)
        {
            switch (resource)
            {
                case ContainerLikeResource server:
                    server.AllocatedPort = Ports.GetFree();
                    break;
                case ProjectResource { FixedHttpPort: { } fixedPort } project:
                    if (project.Replicas > 1)
                    {
                        throw new DistributedApplicationException($"'{project.Name}' has a fixed port ({fixedPort}) and {project.Replicas} replicas; a fixed port serves one replica.");
                    }
                    Ports.EnsureFree(fixedPort, $"the {project.Name} endpoint", project.Name == "gateway" ? "AppHost__GatewayPort" : $"the {project.Name} port setting");
                    project.AllocatedPorts = [fixedPort];
                    break;
                case ProjectResource project:
                    project.AllocatedPorts = Enumerable.Range(0, project.Replicas).Select(_ => Ports.GetFree()).ToArray();
                    break;
            }
        }
    }

    private void StartInfrastructure(IResource resource, IInfrastructureRunner runner, CancellationToken token)
    {
        _infrastructure[resource.Name] = runner;
        _starts.Add(Task.Run(async () =>
        {
            try
            {
                await runner.StartAsync(token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Shutting down.
            }
            catch (DistributedApplicationException exception)
            {
                FailWithDependents(resource, exception.Message);
            }
            catch (Exception exception)
            {
                // Not a set-up problem we know how to explain: still fail the resource (and what waits for it) instead of hanging.
                LogStartFailed(_context.Logger, resource.Name, exception);
                FailWithDependents(resource, $"{resource.Name} failed to start: {exception.Message}");
            }
        }, CancellationToken.None));
    }

    private void FailWithDependents(IResource resource, string message)
    {
        // Dependents first: whoever awaits the server's failure must already see its databases failed too.
        if (resource is PostgresServerResource postgres)
        {
            foreach (var database in postgres.Databases)
            {
                States[database.Name].Fail($"Not created: '{postgres.Name}' failed to start.", becauseOfDependency: true);
            }
        }
        States[resource.Name].Fail(message);
    }

    private async Task ProbeLoopAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(_context.Options.HealthProbeInterval, _context.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                await Task.WhenAll(_projects.Values.Select(project => project.ProbeAsync(token)));
                foreach (var (name, runner) in _infrastructure)
                {
                    var state = States[name];
                    if (state.Snapshot().State != ResourceStateNames.Running)
                    {
                        continue;
                    }
                    var healthy = await runner.ProbeAsync(token);
                    state.Set(health: healthy ? HealthStateNames.Healthy : HealthStateNames.Unhealthy);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    /// <summary>Stops projects first (they hold connections), then the servers.</summary>
    public async Task StopAsync()
    {
        if (_shutdown.IsCancellationRequested)
        {
            return;
        }
        LogStopping(_context.Logger);
        await _shutdown.CancelAsync();
        await Task.WhenAll(_starts.Select(IgnoreFailure));
        if (_healthLoop is not null)
        {
            await _healthLoop;
        }
        await Task.WhenAll(_projects.Values.Select(project => project.StopAsync()));
        await Task.WhenAll(_infrastructure.Values.Select(runner => runner.StopAsync()));
        foreach (var state in States.All.Where(state => state.Snapshot().State is not ResourceStateNames.FailedToStart))
        {
            state.Set(ResourceStateNames.Stopped, HealthStateNames.Unknown);
        }
        LogStopped(_context.Logger);
    }

    private static async Task IgnoreFailure(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // A start cut short by shutdown.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _shutdown.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} failed to start")]
    private static partial void LogStartFailed(ILogger logger, string resource, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping all resources")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "All resources stopped")]
    private static partial void LogStopped(ILogger logger);
}
