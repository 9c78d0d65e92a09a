using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace RomApi.Gateway.Proxy;

/// <summary>
/// Replica addresses can change while the gateway runs (run mode: a restarted replica gets a new port, and the AppHost rewrites
/// the file named by <c>Proxy:ReplicaAddressFile</c>). When the configuration reloads, YARP's clusters are rebuilt from it;
/// destination ids stay those of the replicas, so a restarted replica comes back as itself.
/// </summary>
public sealed partial class ReplicaAddressReload(
    IConfiguration configuration, InMemoryConfigProvider proxyConfig, IOptions<ProxyOptions> options, ILogger<ReplicaAddressReload> logger)
    : IHostedService, IDisposable
{
    private IDisposable? _subscription;
    private string _applied = "";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _applied = Describe(ProxyConfigBuilder.Clusters(configuration, options.Value));
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _subscription?.Dispose();

    private void Reload()
    {
        var clusters = ProxyConfigBuilder.Clusters(configuration, options.Value);
        var described = Describe(clusters);
        if (described == _applied)
        {
            return;
        }
        proxyConfig.Update(ProxyConfigBuilder.Routes(options.Value), clusters);
        _applied = described;
        LogReloaded(logger, described);
    }

    private static string Describe(IEnumerable<ClusterConfig> clusters) => string.Join("; ", clusters.SelectMany(cluster =>
        (cluster.Destinations ?? new Dictionary<string, DestinationConfig>()).Select(destination => $"{destination.Key}={destination.Value.Address}")));

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica addresses changed: {Destinations}")]
    private static partial void LogReloaded(ILogger logger, string destinations);
}
