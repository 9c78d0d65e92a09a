using RomApi.Gateway.Proxy;
using RomApi.Gateway.ResponseCache;
using System.Diagnostics.Metrics;
using RomApi.Platform.Telemetry;

namespace RomApi.Gateway.Telemetry;

/// <summary>
/// The gateway's own meter, "RomApi.Gateway" (in Prometheus text as romapi_gateway_*):
/// requests by route, backend and status, proxy errors, rate-limit rejections, auth failures by reason, circuit state, the
/// response cache's hits, misses, evictions and size.
/// </summary>
public sealed class GatewayMetrics : ServiceMeter
{
    public const string MeterName = "RomApi.Gateway";

    private readonly Counter<long> _requests, _proxyErrors, _rateLimitRejections, _limitFallbacks, _authFailures, _usageDropped,
        _cacheHits, _cacheMisses, _viewsDropped;

    public GatewayMetrics(IMeterFactory meterFactory, IServiceProvider services) : base(meterFactory, MeterName)
    {
        _requests = Counter("romapi.gateway.requests", "{request}",
            "Requests answered by the gateway, by route, backend (service and replica) and status.");
        _proxyErrors = Counter("romapi.gateway.proxy.errors", "{request}",
            "Proxied requests that failed at the gateway, by cluster and error.");
        _rateLimitRejections = Counter("romapi.gateway.ratelimit.rejections", "{request}",
            "Requests refused with 429, by limit (ip, user, api_key, quota, global).");
        _limitFallbacks = Counter("romapi.gateway.ratelimit.fallbacks", "{request}",
            "Limit checks decided by this replica alone because Redis did not answer.");
        _authFailures = Counter("romapi.gateway.auth.failures", "{request}",
            "Refused credentials, by reason.");
        _usageDropped = Counter("romapi.gateway.usage.dropped", "{event}",
            "API usage events dropped because the buffer for analytics was full.");
        _cacheHits = Counter("romapi.gateway.cache.hits", "{request}",
            "Reads by id or slug and list pages answered from the response cache.");
        _cacheMisses = Counter("romapi.gateway.cache.misses", "{request}",
            "Cacheable reads by id or slug and list pages forwarded to the resource service.");
        _viewsDropped = Counter("romapi.gateway.views.dropped", "{event}",
            "VIEW events of cache hits not counted because the queue for analytics was full.");
        Meter.CreateObservableCounter(
            "romapi.gateway.cache.evictions",
            () => services.GetRequiredService<ResponseCacheStore>().Evictions,
            "{entry}", "Response cache entries removed by a change, by the bounds or by expiry.");
        Gauge("romapi.gateway.cache.entries", () => services.GetRequiredService<ResponseCacheStore>().Count,
            "{entry}", "Answers held by the response cache.");
        Gauge("romapi.gateway.cache.bytes", () => services.GetRequiredService<ResponseCacheStore>().Bytes,
            "By", "Bytes held by the response cache (answers and per-entry overhead).");
        Gauge("romapi.gateway.cache.list_page_bytes", () => services.GetRequiredService<ResponseCacheStore>().ListPageBytes,
            "By", "Bytes of the response cache held by pages of the resource list (at most ResponseCache:ListPageShare of its bounds).");
        Meter.CreateObservableGauge(
            "romapi.gateway.circuit.state",
            () => services.GetRequiredService<CircuitBreakerPerService>().All
                .Select(pair => new Measurement<int>((int)pair.Value.State, Tag("service", pair.Key))),
            description: "Circuit breaker per service: 0 closed, 1 half-open, 2 open.");
    }

    public void Request(string route, string? service, string? destination, int status) =>
        _requests.Add(1,
            Tag("route", route),
            Tag("service", service ?? "gateway"),
            Tag("destination", destination ?? "gateway"),
            Tag("status", StatusTag(status)));

    // Statuses boxed once: a tag value is an object, and boxing the status anew would allocate on every request.
    private static readonly object[] BoxedStatuses = [.. Enumerable.Range(0, 600).Select(status => (object)status)];

    private static object StatusTag(int status) => (uint)status < (uint)BoxedStatuses.Length ? BoxedStatuses[status] : status;

    public void ProxyError(string cluster, string error) =>
        _proxyErrors.Add(1,
            Tag("cluster", cluster),
            Tag("error", error));

    public void RateLimitRejected(string scope) => _rateLimitRejections.Add(1, Tag("limit", scope));

    public void LimitFallback() => _limitFallbacks.Add(1);

    public void AuthFailure(string reason) => _authFailures.Add(1, Tag("reason", reason));

    public void UsageDropped(int count) => _usageDropped.Add(count);

    public void CacheHit() => _cacheHits.Add(1);

    public void CacheMiss() => _cacheMisses.Add(1);

    public void ViewDropped() => _viewsDropped.Add(1);
}
