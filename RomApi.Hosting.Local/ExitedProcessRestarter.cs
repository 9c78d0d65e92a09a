namespace RomApi.Hosting.Local;

/// <summary>
/// DCP leaves a process that exits on its own stopped; Kubernetes and the old orchestrator restart it. This watcher starts it
/// again through Aspire's own start command, with back-off (1 s, doubling up to 30 s, reset after a minute of running). A
/// resource stopped on purpose (dashboard "Stop", state Stopping first) and every resource while the AppHost stops are left alone.
/// <c>AppHost:RestartExitedProcesses=false</c> turns it off (fault tests that keep a killed process down).
/// </summary>
public sealed partial class ExitedProcessRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ExitedProcessRestarter> logger) : EarlyBackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, string?> _lastState = new();
    private readonly ConcurrentDictionary<string, (TimeSpan Delay, DateTimeOffset LastStart)> _backOff = new();

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource is not (ProjectResource or ExecutableResource))
                {
                    continue;
                }
                var state = update.Snapshot.State?.Text;
                var previous = _lastState.GetValueOrDefault(update.ResourceId);
                _lastState[update.ResourceId] = state;
                if (previous == KnownResourceStates.Running && IsStopped(state) && !lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    _ = RestartAsync(update.ResourceId, update.Snapshot.ExitCode, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }

    private static bool IsStopped(string? state) =>
        state == KnownResourceStates.Exited || state == KnownResourceStates.Finished || state == KnownResourceStates.FailedToStart;

    private async Task RestartAsync(string resourceId, int? exitCode, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var (delay, lastStart) = _backOff.GetValueOrDefault(resourceId, (TimeSpan.Zero, DateTimeOffset.MinValue));
        delay = delay == TimeSpan.Zero || now - lastStart > StableAfter ? FirstDelay : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        LogRestarting(logger, resourceId, exitCode, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return;
            }
            _backOff[resourceId] = (delay, time.GetUtcNow());
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stoppingToken);
            if (!result.Success)
            {
                LogRestartFailed(logger, resourceId, result.Message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited (code {ExitCode}); starting it again in {DelaySeconds} s")]
    private static partial void LogRestarting(ILogger logger, string resource, int? exitCode, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} could not be started again: {Error}")]
    private static partial void LogRestartFailed(ILogger logger, string resource, string? error);
}

public static class ExitedProcessRestarterExtensions
{
    /// <summary>Restarts exited processes in run mode unless <c>AppHost:RestartExitedProcesses</c> is false.</summary>
    public static IDistributedApplicationBuilder RestartExitedProcesses(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsRunMode && builder.Configuration.GetValue("AppHost:RestartExitedProcesses", true))
        {
            builder.Services.TryAddSingleton(TimeProvider.System);
            builder.Services.AddHostedService<ExitedProcessRestarter>();
        }
        return builder;
    }
}
