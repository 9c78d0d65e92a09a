using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace RomApi.Gateway.Proxy;

/// <summary>
/// Builds the YARP routes and clusters in code from the service-discovery configuration
/// (one destination per replica, so the gateway balances, probes and breaks circuits per replica): one cluster per service.
/// </summary>
public static class ProxyConfigBuilder
{
    public static IReadOnlyList<RouteConfig> Routes(ProxyOptions options) =>
        DownstreamServices.All
            .SelectMany(service => service.PathPrefixes.SelectMany(prefix => new[]
            {
                // The bare path and everything below it; the path is forwarded unchanged.
                Route($"{service.Name}{RouteSuffix(prefix)}", service.Name, prefix, options.DefaultRouteTimeout),
                Route($"{service.Name}{RouteSuffix(prefix)}-rest", service.Name, prefix + "/{**rest}", options.DefaultRouteTimeout),
            }))
            .Concat(options.RouteTimeouts.SelectMany(special => new[]
            {
                // Ordered before the service's catch-all routes, so they win for their paths.
                Route($"{Owner(special.Key)}{RouteSuffix(special.Key)}-timeout", Owner(special.Key), special.Key, special.Value) with { Order = -1 },
                Route($"{Owner(special.Key)}{RouteSuffix(special.Key)}-timeout-rest", Owner(special.Key), special.Key + "/{**rest}", special.Value) with { Order = -1 },
            }))
            .ToList();

    public static IReadOnlyList<ClusterConfig> Clusters(IConfiguration configuration, ProxyOptions options) =>
        DownstreamServices.All
            .Select(service => new ClusterConfig
            {
                ClusterId = service.Name,
                LoadBalancingPolicy = LoadBalancingPolicies.PowerOfTwoChoices,
                Destinations = ServiceReplicas.Of(configuration, service.Name)
                    .Select((address, index) => (Id: $"{service.Name}-{index}", Address: address.ToString()))
                    .ToDictionary(replica => replica.Id, replica => new DestinationConfig { Address = replica.Address }),
                HealthCheck = new HealthCheckConfig
                {
                    // With every replica known to be down the client gets a clear 503, rather than YARP's default
                    // "panic" mode forwarding to them anyway.
                    AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
                    Active = new ActiveHealthCheckConfig
                    {
                        Enabled = true,
                        Interval = options.HealthProbeInterval,
                        Timeout = options.HealthProbeTimeout,
                        Policy = ProbeHealthPolicy.PolicyName,
                        Path = "/health",
                    },
                    Passive = new PassiveHealthCheckConfig
                    {
                        Enabled = true,
                        Policy = ServiceFailurePolicy.PolicyName,
                        ReactivationPeriod = options.PassiveReactivationPeriod,
                    },
                },
                HttpRequest = new ForwarderRequestConfig { ActivityTimeout = options.RequestActivityTimeout },
                // Header values go on in UTF-8, as the gateway read them: HttpClient's default refuses non-ASCII values and the
                // request would end as a 502 counted against the service.
                HttpClient = new HttpClientConfig { RequestHeaderEncoding = "utf-8" },
            })
            .ToList();

    private static RouteConfig Route(string routeId, string clusterId, string path, TimeSpan? timeout) => new()
    {
        RouteId = routeId,
        ClusterId = clusterId,
        Match = new RouteMatch { Path = path },
        Timeout = timeout,
    };

    private static string Owner(string prefix) =>
        DownstreamServices.All.First(service => service.PathPrefixes.Any(owned => prefix.StartsWith(owned, StringComparison.OrdinalIgnoreCase))).Name;

    private static string RouteSuffix(string prefix) => prefix.Replace("/api/v1/", "-").Replace('/', '-');
}
