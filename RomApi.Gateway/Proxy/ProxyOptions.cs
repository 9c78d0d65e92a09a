using RomApi.Contracts.Resources;
using RomApi.Contracts.Search;

namespace RomApi.Gateway.Proxy;

/// <summary>Timings and resilience of the reverse proxy (configuration section "Proxy").</summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>
    /// A JSON file of replica addresses (<c>{"services": {"resourceservice": {"http": {"0": "http://..."}}}}</c>) that is read
    /// over the service-discovery variables and followed as it changes; the AppHost writes it in run mode. Empty: none.
    /// </summary>
    public string? ReplicaAddressFile { get; set; }

    /// <summary>
    /// How often YARP probes each replica's /health (active health check). A passing probe also ends a breaker's break and a
    /// passive ejection, so this bounds how long clients wait for a replica that is healthy again.
    /// </summary>
    public TimeSpan HealthProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed probes in a row that take a replica out of rotation.</summary>
    public int ActiveHealthFailures { get; set; } = 2;

    /// <summary>Failed forwards in a row (not counting what the client caused) that take a replica out for <see cref="PassiveReactivationPeriod"/>.</summary>
    public int PassiveHealthFailures { get; set; } = 3;

    public TimeSpan HealthProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A replica silent for this long fails the request with 504.</summary>
    public TimeSpan RequestActivityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whole-request timeout per route prefix (longest match wins); <see cref="DefaultRouteTimeout"/> for the rest. A route
    /// with a timeout gets a timer and a linked cancellation source on every request, so only routes that need a bound tighter
    /// (search) or looser (bulk import) than <see cref="RequestActivityTimeout"/> have one.
    /// </summary>
    public Dictionary<string, TimeSpan> RouteTimeouts { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [SearchRoutes.Prefix] = TimeSpan.FromSeconds(10),
        [ResourceRoutes.Ingest] = TimeSpan.FromMinutes(5),
    };

    /// <summary>
    /// Whole-request timeout of the routes not in <see cref="RouteTimeouts"/>; none by default: a replica silent for
    /// <see cref="RequestActivityTimeout"/> already ends the request with 504.
    /// </summary>
    public TimeSpan? DefaultRouteTimeout { get; set; }

    /// <summary>A replica that failed (refused a connection, or too many transport failures) stays out this long, then is tried again.</summary>
    public TimeSpan PassiveReactivationPeriod { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxConnectRetries { get; set; } = 2;

    public int CircuitBreakerFailures { get; set; } = 5;

    public TimeSpan CircuitBreakerBreak { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The shortest break: a passing health probe ends a break only after this long, so a service that passes its probe but fails requests is not hammered.</summary>
    public TimeSpan CircuitBreakerMinimumBreak { get; set; } = TimeSpan.FromSeconds(1);
}
