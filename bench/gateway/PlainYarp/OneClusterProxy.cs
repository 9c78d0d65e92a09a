using Yarp.ReverseProxy.Configuration;

/// <summary>Every path to one cluster of the given destinations: the proxy configuration of both YARP peers (PlainYarp, AspireYarp).</summary>
internal static class OneClusterProxy
{
    public static IReverseProxyBuilder AddOneClusterProxy(this IServiceCollection services, IEnumerable<string> destinations) =>
        services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "{**rest}" } }],
            [new ClusterConfig
            {
                ClusterId = "backend",
                LoadBalancingPolicy = "PowerOfTwoChoices",
                Destinations = destinations.Select((url, i) => (url, i)).ToDictionary(d => $"d{d.i}", d => new DestinationConfig { Address = d.url }),
            }]);
}
