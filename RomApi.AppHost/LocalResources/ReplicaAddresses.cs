using Microsoft.Extensions.DependencyInjection;

namespace RomApi.AppHost.LocalResources;

/// <summary>
/// Run mode gives a project's replicas one DCP-proxied address. The gateway balances, probes and breaks circuits per replica
/// itself (YARP destinations), so it is given each replica's own address instead, as <c>services__{name}__http__{i}</c>
/// in place of the proxied one. Publish mode keeps the single service address (a Kubernetes Service).
/// </summary>
public static class ReplicaAddresses
{
    public static IResourceBuilder<ProjectResource> WithReplicaAddressesOf(this IResourceBuilder<ProjectResource> consumer, IResourceBuilder<ProjectResource> service) =>
        consumer.WithEnvironment(async context =>
        {
            if (!context.ExecutionContext.IsRunMode)
            {
                return;
            }
            var notifications = context.ExecutionContext.Services.GetRequiredService<ResourceNotificationService>();
            var addresses = await AddressesAsync(notifications, service.Resource, context.CancellationToken);
            if (addresses.Count == 0)
            {
                return;
            }
            for (var i = 0; i < addresses.Count; i++)
            {
                context.EnvironmentVariables[$"services__{service.Resource.Name}__http__{i}"] = addresses[i];
            }
        });

    /// <summary>Each running replica's own http address, in a stable order (a new watcher is told every current state first).</summary>
    private static async Task<IReadOnlyList<string>> AddressesAsync(ResourceNotificationService notifications, IResource service, CancellationToken cancellationToken)
    {
        var byReplica = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var events = notifications.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        try
        {
            while (true)
            {
                var next = events.MoveNextAsync().AsTask();
                if (await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken)) != next)
                {
                    await stop.CancelAsync();
                }
                if (!await next)
                {
                    break;
                }
                var update = events.Current;
                if (ReferenceEquals(update.Resource, service) &&
                    update.Snapshot.EnvironmentVariables.FirstOrDefault(variable => variable.Name == "ASPNETCORE_URLS")?.Value is { Length: > 0 } urls)
                {
                    byReplica[update.ResourceId] = urls.Split(';')[0];
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Every current state was told.
        }
        return [.. byReplica.Values];
    }
}
