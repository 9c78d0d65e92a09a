namespace RomApi.AnalyticsService.TopResources;

public sealed record TopResourceDto(Guid ResourceId, long Count);

/// <summary>What the list covers, so a reader knows the window without recomputing it.</summary>
public sealed record TopResourcesMeta(string EventType, string Period, DateTimeOffset From, DateTimeOffset To, int Limit);
