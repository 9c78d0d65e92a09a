namespace RomApi.AnalyticsService.Retention;

/// <summary>How long raw events are kept (configuration section "Retention"). The hourly rollup is kept forever.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// A raw partition is dropped once its whole month is older than this many months. Must exceed
    /// Ingestion:MaxEventAge, so an accepted event never lands in a partition about to go.
    /// </summary>
    public int RawEventMonths { get; set; } = 13;
}
