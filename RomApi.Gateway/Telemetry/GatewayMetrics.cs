using System.Diagnostics.Metrics;

namespace RomApi.Gateway.Telemetry;

/// <summary>The gateway's own meter, "RomApi.Gateway" (exported by the service defaults).</summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "RomApi.Gateway";

    private readonly Counter<long> _proxyErrors;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _proxyErrors = meter.CreateCounter<long>(
            "romapi.gateway.proxy.errors", unit: "{request}", description: "Proxied requests that failed at the gateway, by cluster and error.");
    }

    public void ProxyError(string cluster, string error) =>
        _proxyErrors.Add(1,
            new KeyValuePair<string, object?>("cluster", cluster),
            new KeyValuePair<string, object?>("error", error));
}
