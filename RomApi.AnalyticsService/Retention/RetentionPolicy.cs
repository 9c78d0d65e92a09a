namespace RomApi.AnalyticsService.Retention;

/// <summary>Which months of raw events to keep; pure, so the boundary can be unit tested.</summary>
public static class RetentionPolicy
{
    /// <summary>Partitions whose month ended before this are dropped.</summary>
    public static DateTimeOffset Cutoff(DateTimeOffset now, int rawEventMonths) => now.ToUniversalTime().AddMonths(-rawEventMonths);

    public static bool ShouldDrop(DateTimeOffset partitionMonth, DateTimeOffset now, int rawEventMonths) =>
        partitionMonth.AddMonths(1) <= Cutoff(now, rawEventMonths);
}
