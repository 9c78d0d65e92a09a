namespace RomApi.Gateway.UsageEvents;

/// <summary>How API usage reaches analytics (configuration section "Usage").</summary>
public sealed class UsageOptions
{
    public const string SectionName = "Usage";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Requests waiting to be folded, and folded events (one per caller, route, status and minute) held while analytics is slow or
    /// down; beyond this, requests that would start a new event are not reported (and are counted as dropped), never refused.
    /// </summary>
    public int BufferCapacity { get; set; } = 20_000;

    /// <summary>Events per POST to analytics.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>How long requests are folded before the sender sends what it has.</summary>
    public TimeSpan MaxBatchDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
