namespace RomApi.AnalyticsService.Partitions;

/// <summary>Partition upkeep (configuration section "Partitions").</summary>
public sealed class PartitionOptions
{
    public const string SectionName = "Partitions";

    /// <summary>Months created ahead of the current one, so a month change never waits on maintenance.</summary>
    public int MonthsAhead { get; set; } = 2;

    /// <summary>How often partitions, retention and the idempotency ids are looked after.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);
}
