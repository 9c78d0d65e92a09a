using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RomApi.AppHost.LocalResources;

/// <summary>
/// Prints each resource's state and health on the AppHost's console as it changes ("gateway: Running, Healthy"), so a terminal
/// or a script sees the system come up without opening the dashboard.
/// </summary>
public sealed partial class ResourceStateLog(ResourceNotificationService notifications, ILogger<ResourceStateLog> logger) : EarlyBackgroundService
{
    private readonly ConcurrentDictionary<string, string> _last = new();

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource is ParameterResource || update.Snapshot.IsHidden)
                {
                    continue;
                }
                var state = update.Snapshot.State?.Text ?? "";
                var health = update.Snapshot.HealthStatus?.ToString() ?? "";
                var line = string.IsNullOrEmpty(health) ? state : $"{state}, {health}";
                if (string.IsNullOrEmpty(state) || state == KnownResourceStates.NotStarted || _last.GetValueOrDefault(update.ResourceId) == line)
                {
                    continue;
                }
                _last[update.ResourceId] = line;
                LogState(logger, update.ResourceId, line);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource}: {State}")]
    private static partial void LogState(ILogger logger, string resource, string state);
}

public static class ResourceStateLogExtensions
{
    public static IDistributedApplicationBuilder LogResourceStates(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Services.AddHostedService<ResourceStateLog>();
        }
        return builder;
    }
}
