using System.Text.Json;

namespace RomApi.Hosting.Local;

/// <summary>
/// Run mode gives a project's replicas one DCP-proxied address, and a restarted replica a new port. The gateway balances, probes
/// and breaks circuits per replica itself (YARP destinations), so it is given each replica's own address: at start as
/// <c>services__{name}__http__{i}</c> in place of the proxied one, and from then on in a file the AppHost rewrites whenever a
/// replica's address changes (<c>Proxy__ReplicaAddressFile</c>). Publish mode keeps the single service address (a Kubernetes Service).
/// </summary>
public static class ReplicaAddressesExtensions
{
    public static IResourceBuilder<ProjectResource> WithReplicaAddressesOf(this IResourceBuilder<ProjectResource> consumer, IResourceBuilder<ProjectResource> service)
    {
        var builder = consumer.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode)
        {
            return consumer;
        }
        var file = Path.Combine(builder.DataDirectory(), "replica-addresses", $"{consumer.Resource.Name}.json");
        builder.Services.AddSingleton(new ReplicaAddressFile(file, consumer.Resource.Name, service.Resource));
        if (!builder.Services.Any(descriptor => descriptor.ImplementationType == typeof(ReplicaAddressWriter)))
        {
            builder.Services.AddHostedService<ReplicaAddressWriter>();
        }
        return consumer
            .WithEnvironment("Proxy__ReplicaAddressFile", file)
            .WithEnvironment(context =>
            {
                var book = context.ExecutionContext.Services.GetServices<IHostedService>().OfType<ReplicaAddressWriter>().Single();
                var addresses = book.AddressesOf(service.Resource);
                for (var i = 0; i < addresses.Count; i++)
                {
                    context.EnvironmentVariables[$"services__{service.Resource.Name}__http__{i}"] = addresses[i];
                }
            });
    }
}

/// <summary>One consumer's file of one service's replica addresses.</summary>
public sealed record ReplicaAddressFile(string Path, string Consumer, IResource Service);

/// <summary>Follows every replica's address (its ASPNETCORE_URLS) and rewrites the consumers' files when one changes.</summary>
public sealed partial class ReplicaAddressWriter(
    ResourceNotificationService notifications, IEnumerable<ReplicaAddressFile> files, ILogger<ReplicaAddressWriter> logger) : EarlyBackgroundService
{
    private readonly ConcurrentDictionary<IResource, SortedDictionary<string, string>> _addresses = new();
    private readonly ReplicaAddressFile[] _files = [.. files];

    /// <summary>The last known address of each replica of <paramref name="service"/>, in a stable order (by replica id).</summary>
    public IReadOnlyList<string> AddressesOf(IResource service)
    {
        var known = _addresses.GetValueOrDefault(service);
        if (known is null)
        {
            return [];
        }
        lock (known)
        {
            return [.. known.Values];
        }
    }

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (!_files.Any(file => ReferenceEquals(file.Service, update.Resource)) ||
                    update.Snapshot.EnvironmentVariables.FirstOrDefault(variable => variable.Name == "ASPNETCORE_URLS")?.Value is not { Length: > 0 } urls)
                {
                    continue;
                }
                var address = urls.Split(';')[0];
                var known = _addresses.GetOrAdd(update.Resource, _ => new SortedDictionary<string, string>(StringComparer.Ordinal));
                lock (known)
                {
                    if (known.TryGetValue(update.ResourceId, out var previous) && previous == address)
                    {
                        continue;
                    }
                    known[update.ResourceId] = address;
                }
                await WriteFilesAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }

    private async Task WriteFilesAsync(CancellationToken cancellationToken)
    {
        foreach (var consumer in _files.GroupBy(file => file.Path))
        {
            var services = consumer.ToDictionary(
                file => file.Service.Name,
                file => new { http = AddressesOf(file.Service).Select((address, index) => (address, index)).ToDictionary(e => e.index.ToString(System.Globalization.CultureInfo.InvariantCulture), e => e.address) });
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(consumer.Key)!);
            // Written aside and moved in place, so the consumer never reads half a file.
            var temporary = consumer.Key + ".tmp";
            await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(new { services }), cancellationToken);
            File.Move(temporary, consumer.Key, overwrite: true);
            LogWritten(logger, consumer.Key, string.Join(", ", services.Select(service => $"{service.Key}: {string.Join(" ", service.Value.http.Values)}")));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replica addresses in {File}: {Addresses}")]
    private static partial void LogWritten(ILogger logger, string file, string addresses);
}
