namespace RomApi.AnalyticsService.Stats;

public sealed record ResourceStatsDto(
    Guid ResourceId,
    string Interval,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<StatsBucketDto> Buckets,
    IReadOnlyDictionary<string, long> Totals);

public sealed record StatsBucketDto(DateTimeOffset Start, IReadOnlyDictionary<string, long> Counts);

/// <summary>One row of the bucketed rollup query.</summary>
public sealed record StatsRow(DateTimeOffset BucketStart, string EventType, long Count);
