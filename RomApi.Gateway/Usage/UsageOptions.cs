namespace RomApi.Gateway.Usage;

/// <summary>How API usage reaches analytics (configuration section "Usage").</summary>
public sealed class UsageOptions
{
    public const string SectionName = "Usage";

    public bool Enabled { get; set; } = true;

    /// <summary>Events held while analytics is slow or down; beyond this new events are dropped (and counted), never the request.</summary>
    public int BufferCapacity { get; set; } = 20_000;

    public int MaxBatchSize { get; set; } = 500;

    /// <summary>How long the sender waits to fill a batch before sending what it has.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
