namespace RomApi.AnalyticsService.Stats;

/// <summary>Bounds of the per-resource stats (configuration section "Stats").</summary>
public sealed class StatsOptions
{
    public const string SectionName = "Stats";

    /// <summary>Buckets per answer at most (e.g. 1000 hours is about 41 days hourly).</summary>
    public int MaxBuckets { get; set; } = 1000;
}
