namespace RomApi.Hosting.Local;

public static class HealthyAfterExtensions
{
    /// <summary>
    /// The AppHost reports <paramref name="resource"/> healthy only once it has seen every replica of each of
    /// <paramref name="dependencies"/> healthy. The gateway's own /health includes the services', but it asks them itself, a
    /// moment before the AppHost does: "gateway: Running, Healthy" came up to 1.4 s before the last service's line, although it
    /// is the line that says the whole system answers.
    /// </summary>
    public static IResourceBuilder<T> HealthyAfter<T>(this IResourceBuilder<T> resource, params IResourceBuilder<IResource>[] dependencies)
        where T : IResource
    {
        var builder = resource.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode)
        {
            return resource;
        }
        builder.Services.TryAddSingleton<ResourceHealthView>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ResourceHealthView>(
            services => services.GetRequiredService<ResourceHealthView>()));
        var key = $"{resource.Resource.Name}_after_dependencies";
        var resources = dependencies.Select(dependency => dependency.Resource).ToArray();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key,
            services => new DependenciesHealthy(services.GetRequiredService<ResourceHealthView>(), resources),
            failureStatus: HealthStatus.Unhealthy, tags: null));
        return resource.WithHealthCheck(key);
    }
}

/// <summary>The AppHost's last word on each instance of each resource: running and healthy, or not.</summary>
public sealed class ResourceHealthView(ResourceNotificationService notifications) : EarlyBackgroundService
{
    private readonly ConcurrentDictionary<IResource, ConcurrentDictionary<string, bool>> _instances = new();

    /// <summary>Whether as many instances as <paramref name="resource"/> has replicas are known, and all are running and healthy.</summary>
    public bool AllHealthy(IResource resource)
    {
        var replicas = resource.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;
        return _instances.TryGetValue(resource, out var instances) &&
               instances.Count >= replicas && instances.Values.All(healthy => healthy);
    }

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                _instances.GetOrAdd(update.Resource, _ => new ConcurrentDictionary<string, bool>())[update.ResourceId] =
                    update.Snapshot.State?.Text == KnownResourceStates.Running && update.Snapshot.HealthStatus == HealthStatus.Healthy;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }
}

/// <summary>Healthy when the AppHost has seen every replica of every one of <paramref name="resources"/> running and healthy.</summary>
public sealed class DependenciesHealthy(ResourceHealthView view, IReadOnlyList<IResource> resources) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waiting = resources.Where(resource => !view.AllHealthy(resource)).Select(resource => resource.Name).ToList();
        return Task.FromResult(waiting.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"Waiting for {string.Join(", ", waiting)} to be healthy."));
    }
}
