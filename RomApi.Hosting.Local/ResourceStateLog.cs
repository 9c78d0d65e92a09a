namespace RomApi.Hosting.Local;

/// <summary>
/// Prints each resource's state and health on the AppHost's console as it changes ("gateway: Running, Healthy"), so a terminal
/// or a script sees the system come up without opening the dashboard.
/// </summary>
/// <remarks>Once every resource is running and healthy for the first time it says so ("All resources healthy after 6.2 s"):
/// scripts wait for that line.</remarks>
public sealed partial class ResourceStateLog(
    ResourceNotificationService notifications, DistributedApplicationModel model, TimeProvider time, ILogger<ResourceStateLog> logger)
    : EarlyBackgroundService
{
    private readonly ConcurrentDictionary<string, string> _last = new();
    private readonly Dictionary<string, (IResource Resource, bool Healthy)> _instances = [];
    private readonly long _started = time.GetTimestamp();
    private readonly HashSet<IResource> _hidden = [];
    private bool _allHealthyTold;

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource is ParameterResource || update.Snapshot.IsHidden)
                {
                    // The dashboard and the rebuilders are Aspire's own, not the system's.
                    _hidden.Add(update.Resource);
                    continue;
                }
                TellWhenAllHealthy(update);
                var state = update.Snapshot.State?.Text ?? "";
                var health = update.Snapshot.HealthStatus?.ToString() ?? "";
                var line = string.IsNullOrEmpty(health) ? state : $"{state}, {health}";
                if (state == KnownResourceStates.Running && Describe(update.Snapshot) is { Length: > 0 } where)
                {
                    line += where;
                }
                if (string.IsNullOrEmpty(state) || state == KnownResourceStates.NotStarted || _last.GetValueOrDefault(update.ResourceId) == line)
                {
                    continue;
                }
                _last[update.ResourceId] = line;
                LogState(logger, time.GetElapsedTime(_started).TotalSeconds, update.ResourceId, line);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }

    /// <summary>"; pid 1234; http://localhost:41234": the process and its own address, for a script to read.</summary>
    private static string Describe(CustomResourceSnapshot snapshot)
    {
        var pid = snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value;
        var address = snapshot.EnvironmentVariables.FirstOrDefault(variable => variable.Name == "ASPNETCORE_URLS")?.Value?.Split(';')[0]
            ?? snapshot.Urls.FirstOrDefault(url => !url.IsInternal)?.Url;
        return (pid is null ? "" : $"; pid {pid}") + (address is null ? "" : $"; {address}");
    }

    private void TellWhenAllHealthy(ResourceEvent update)
    {
        _instances[update.ResourceId] = (update.Resource, update.Snapshot.State?.Text == KnownResourceStates.Running &&
            update.Snapshot.HealthStatus is null or Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
        var expected = model.Resources.Where(resource => resource is not ParameterResource && !_hidden.Contains(resource) &&
            resource.Name != "aspire-dashboard" && !resource.Name.EndsWith("-rebuilder", StringComparison.Ordinal));
        if (!_allHealthyTold && _instances.Values.All(instance => instance.Healthy) &&
            expected.All(resource => _instances.Values.Any(instance => ReferenceEquals(instance.Resource, resource))))
        {
            _allHealthyTold = true;
            LogAllHealthy(logger, time.GetElapsedTime(_started).TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "All resources healthy after {ElapsedSeconds:F1} s")]
    private static partial void LogAllHealthy(ILogger logger, double elapsedSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "+{ElapsedSeconds:F1} s {Resource}: {State}")]
    private static partial void LogState(ILogger logger, double elapsedSeconds, string resource, string state);
}

public static class ResourceStateLogExtensions
{
    public static IDistributedApplicationBuilder LogResourceStates(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Services.TryAddSingleton(TimeProvider.System);
            builder.Services.AddHostedService<ResourceStateLog>();
        }
        return builder;
    }
}
