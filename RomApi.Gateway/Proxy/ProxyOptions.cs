namespace RomApi.Gateway.Proxy;

/// <summary>Timings of the reverse proxy (configuration section "Proxy").</summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>How often YARP probes each replica's /health.</summary>
    public TimeSpan HealthProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan HealthProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A replica silent for this long fails the request with 504.</summary>
    public TimeSpan RequestActivityTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
