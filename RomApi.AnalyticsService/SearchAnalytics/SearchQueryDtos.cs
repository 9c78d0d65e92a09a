namespace RomApi.AnalyticsService.SearchAnalytics;

/// <summary>A search text (trimmed, lower-cased, inner spaces collapsed) and how it fared.</summary>
public sealed record SearchQueryStatsDto(string Query, long Count, long ZeroResultCount, double? AverageResultCount, DateTimeOffset LastSearchedAt);

public sealed record SearchQueriesMeta(string Period, DateTimeOffset From, DateTimeOffset To, int Limit);
