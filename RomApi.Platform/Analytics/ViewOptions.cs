namespace RomApi.Platform.Analytics;

/// <summary>Configuration section "Views": how VIEW events travel to the analytics service.</summary>
public sealed class ViewOptions
{
    public const string SectionName = "Views";

    /// <summary>
    /// Reads waiting for the next send beyond this are not counted as views (requests never wait for analytics) but in the
    /// romapi.views.dropped metric. Every pause sends all that waits, folded, so this is only reached above QueueCapacity reads per
    /// FlushInterval.
    /// </summary>
    public int QueueCapacity { get; set; } = 20_000;

    public int BatchSize { get; set; } = 500;
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
