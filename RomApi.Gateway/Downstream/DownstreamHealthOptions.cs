namespace RomApi.Gateway.Downstream;

/// <summary>How the gateway's /health probes the services (configuration section "DownstreamHealth").</summary>
public sealed class DownstreamHealthOptions
{
    public const string SectionName = "DownstreamHealth";

    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
