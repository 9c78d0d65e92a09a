using System.Globalization;

namespace RomApi.AnalyticsService.Stats;

/// <summary>Parses from/to query values: ISO-8601, UTC unless an offset is given.</summary>
public static class TimeRange
{
    public static bool TryParse(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed.ToUniversalTime();
            return true;
        }
        return false;
    }

    public static StatsInterval? ParseInterval(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "day" => StatsInterval.Day,
        "hour" => StatsInterval.Hour,
        "week" => StatsInterval.Week,
        _ => null,
    };

    /// <summary>The span covered when the caller gives no from: 24 hours, 30 days or 12 weeks.</summary>
    public static TimeSpan DefaultSpan(StatsInterval interval) => interval switch
    {
        StatsInterval.Hour => TimeSpan.FromHours(24),
        StatsInterval.Day => TimeSpan.FromDays(30),
        _ => TimeSpan.FromDays(7 * 12),
    };

    public static TimeSpan Step(StatsInterval interval) => interval switch
    {
        StatsInterval.Hour => TimeSpan.FromHours(1),
        StatsInterval.Day => TimeSpan.FromDays(1),
        _ => TimeSpan.FromDays(7),
    };

    /// <summary>
    /// [from, to) on bucket edges: from rounded down, to rounded up (default now), from defaulting to <paramref name="defaultSpan"/>
    /// before to. Null with the reason when a value is unreadable or from is not before to.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End, string? Error) Resolve(
        string? from, string? to, StatsInterval unit, TimeSpan defaultSpan, DateTimeOffset now)
    {
        if (!TryParse(from, out var fromValue) || !TryParse(to, out var toValue))
        {
            return (default, default, "from and to must be ISO-8601 times such as 2026-01-31T00:00:00Z.");
        }
        var end = toValue ?? now;
        var endFloor = HourBuckets.Floor(end, unit);
        end = endFloor == end ? end : HourBuckets.Next(endFloor, unit);
        var start = HourBuckets.Floor(fromValue ?? end - defaultSpan, unit);
        return start < end ? (start, end, null) : (start, end, "from must be before to.");
    }
}
