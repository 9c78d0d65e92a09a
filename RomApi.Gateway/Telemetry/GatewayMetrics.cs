using RomApi.Gateway.Proxy;
using System.Diagnostics.Metrics;

namespace RomApi.Gateway.Telemetry;

/// <summary>
/// The gateway's own meter, "RomApi.Gateway" (exported by the service defaults; in Prometheus text as romapi_gateway_*):
/// requests by route, backend and status, proxy errors, rate-limit rejections, auth failures by reason, circuit state.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "RomApi.Gateway";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _proxyErrors;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _limitFallbacks;
    private readonly Counter<long> _authFailures;
    private readonly Counter<long> _usageDropped;

    public GatewayMetrics(IMeterFactory meterFactory, IServiceProvider services)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(
            "romapi.gateway.requests", unit: "{request}", description: "Requests answered by the gateway, by route, backend (service and replica) and status.");
        _proxyErrors = meter.CreateCounter<long>(
            "romapi.gateway.proxy.errors", unit: "{request}", description: "Proxied requests that failed at the gateway, by cluster and error.");
        _rateLimitRejections = meter.CreateCounter<long>(
            "romapi.gateway.ratelimit.rejections", unit: "{request}", description: "Requests refused with 429, by limit (ip, user, api_key, quota, global).");
        _limitFallbacks = meter.CreateCounter<long>(
            "romapi.gateway.ratelimit.fallbacks", unit: "{request}", description: "Limit checks decided by this replica alone because Redis did not answer.");
        _authFailures = meter.CreateCounter<long>(
            "romapi.gateway.auth.failures", unit: "{request}", description: "Refused credentials, by reason.");
        _usageDropped = meter.CreateCounter<long>(
            "romapi.gateway.usage.dropped", unit: "{event}", description: "API usage events dropped because the buffer for analytics was full.");
        meter.CreateObservableGauge(
            "romapi.gateway.circuit.state",
            () => services.GetRequiredService<CircuitBreakerPerService>().All
                .Select(pair => new Measurement<int>((int)pair.Value.State, new KeyValuePair<string, object?>("service", pair.Key))),
            description: "Circuit breaker per service: 0 closed, 1 half-open, 2 open.");
    }

    public void Request(string route, string? service, string? destination, int status) =>
        _requests.Add(1,
            new KeyValuePair<string, object?>("route", route),
            new KeyValuePair<string, object?>("service", service ?? "gateway"),
            new KeyValuePair<string, object?>("destination", destination ?? "gateway"),
            new KeyValuePair<string, object?>("status", StatusTag(status)));

    // Statuses boxed once: a tag value is an object, and boxing the status anew would allocate on every request.
    private static readonly object[] BoxedStatuses = [.. Enumerable.Range(0, 600).Select(status => (object)status)];

    private static object StatusTag(int status) => (uint)status < (uint)BoxedStatuses.Length ? BoxedStatuses[status] : status;

    public void ProxyError(string cluster, string error) =>
        _proxyErrors.Add(1,
            new KeyValuePair<string, object?>("cluster", cluster),
            new KeyValuePair<string, object?>("error", error));

    public void RateLimitRejected(string scope) => _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("limit", scope));

    public void LimitFallback() => _limitFallbacks.Add(1);

    public void AuthFailure(string reason) => _authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void UsageDropped(int count) => _usageDropped.Add(count);
}
