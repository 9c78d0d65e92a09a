namespace RomApi.AnalyticsService.Stats;

/// <summary>UTC calendar arithmetic shared by ingestion (rollup hour) and the queries (bucket starts).</summary>
public static class HourBuckets
{
    public static DateTimeOffset Floor(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    public static DateTimeOffset Floor(DateTimeOffset time, StatsInterval interval)
    {
        var hour = Floor(time);
        return interval switch
        {
            StatsInterval.Hour => hour,
            StatsInterval.Day => hour.AddHours(-hour.Hour),
            // ISO weeks: Monday 00:00 UTC.
            _ => hour.AddHours(-hour.Hour).AddDays(-(((int)hour.DayOfWeek + 6) % 7)),
        };
    }

    public static DateTimeOffset Next(DateTimeOffset bucketStart, StatsInterval interval) => interval switch
    {
        StatsInterval.Hour => bucketStart.AddHours(1),
        StatsInterval.Day => bucketStart.AddDays(1),
        _ => bucketStart.AddDays(7),
    };

    public static DateTimeOffset MonthStart(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }
}

public enum StatsInterval { Hour, Day, Week }
