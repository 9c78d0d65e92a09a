namespace RomApi.AnalyticsService.Stats;

/// <summary>Parses from/to query values: ISO-8601, UTC unless an offset is given, within <see cref="Earliest"/>..<see cref="Latest"/>.</summary>
public static class TimeRange
{
    /// <summary>
    /// The times a range may name. Wide enough for any real question, narrow enough that rounding to a bucket edge, the default
    /// span before "to" and the bucket arithmetic never leave what DateTimeOffset and PostgreSQL can hold (year 1 and year 9999
    /// answered 500 before).
    /// </summary>
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Latest = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly string Rule =
        $"must be an ISO-8601 time such as 2026-01-31T00:00:00Z, from {Earliest:yyyy-MM-dd} up to (not including) {Latest:yyyy-MM-dd} UTC";

    /// <summary>The rule as the endpoints' descriptions state it, from the same bounds.</summary>
    public static readonly string Described = string.Create(CultureInfo.InvariantCulture,
        $"from/to ISO-8601 (UTC unless an offset is given) from {Earliest:yyyy-MM-dd} up to {Latest:yyyy-MM-dd}");

    /// <summary>Null value when the text is absent; an error naming <paramref name="name"/> when it is unreadable or out of range.</summary>
    public static (DateTimeOffset? Value, ErrorResult? Error) Parse(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }
        if (!DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return (null, ApiErrors.BadParameter(name, Rule + "."));
        }
        var utc = parsed.ToUniversalTime();
        return utc >= Earliest && utc < Latest ? (utc, null) : (null, ApiErrors.BadParameter(name, Rule + $" (got {utc:yyyy-MM-ddTHH:mm:ss}Z)."));
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
    /// before to. An error naming the parameter when a value is unreadable or out of range, or from is not before to.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End, ErrorResult? Error) Resolve(
        string? from, string? to, StatsInterval unit, TimeSpan defaultSpan, DateTimeOffset now)
    {
        var (fromValue, fromError) = Parse("from", from);
        var (toValue, toError) = Parse("to", to);
        if ((fromError ?? toError) is { } error)
        {
            return (default, default, error);
        }
        var end = toValue ?? now;
        var endFloor = HourBuckets.Floor(end, unit);
        end = endFloor == end ? end : HourBuckets.Next(endFloor, unit);
        var start = HourBuckets.Floor(fromValue ?? end - defaultSpan, unit);
        return start < end ? (start, end, null) : (start, end, ApiErrors.BadParameter("from", "must be before to."));
    }
}
