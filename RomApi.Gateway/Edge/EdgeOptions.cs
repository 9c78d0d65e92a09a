namespace RomApi.Gateway.Edge;

/// <summary>What the gateway enforces at the edge (configuration section "Edge").</summary>
public sealed class EdgeOptions
{
    public const string SectionName = "Edge";

    /// <summary>Larger bodies are refused with 413 (bulk ingest of 10,000 items fits).</summary>
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Origins allowed by CORS; empty allows none (server-to-server callers need no CORS).</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>One line per answered request on standard output.</summary>
    public bool RequestLog { get; set; } = true;
}
