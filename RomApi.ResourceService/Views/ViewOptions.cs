namespace RomApi.ResourceService.Views;

/// <summary>Configuration section "Views": how VIEW events travel to the analytics service.</summary>
public sealed class ViewOptions
{
    public const string SectionName = "Views";

    public string AnalyticsBaseAddress { get; set; } = "http://analyticsservice";

    /// <summary>Events waiting beyond this are dropped (views are best effort; requests never wait for analytics).</summary>
    public int QueueCapacity { get; set; } = 20_000;

    public int BatchSize { get; set; } = 500;
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
