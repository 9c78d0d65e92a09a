using Microsoft.Extensions.Logging;

namespace RomApi.Hosting.Orchestration;

/// <summary>What every runner needs from the orchestrator.</summary>
internal sealed class RunContext(
    DataDirectory data,
    AppHostOptions options,
    ResourceStateStore states,
    ProcessRegistry registry,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    Uri? otlpEndpoint)
{
    /// <summary>Where services send OpenTelemetry (the dashboard's OTLP/HTTP receiver); null sends none.</summary>
    public Uri? OtlpEndpoint { get; } = otlpEndpoint;

    public DataDirectory Data { get; } = data;
    public AppHostOptions Options { get; } = options;
    public ResourceStateStore States { get; } = states;
    public TimeProvider Time { get; } = time;
    public ILoggerFactory LoggerFactory { get; } = loggerFactory;
    public ILogger Logger { get; } = loggerFactory.CreateLogger("RomApi.Hosting.Orchestrator");

    public ManagedProcess CreateProcess(ResourceState state, int replica, ProcessSpec spec, bool restartOnExit) =>
        new(state, replica, spec, restartOnExit && Options.RestartExitedProcesses, registry, Time, Logger, Options.EchoResourceLogs);
}

/// <summary>Starts, probes and stops one server resource (PostgreSQL, Redis, the search engine).</summary>
internal interface IInfrastructureRunner
{
    Task StartAsync(CancellationToken cancellationToken);
    Task<bool> ProbeAsync(CancellationToken cancellationToken);
    Task StopAsync();
}
