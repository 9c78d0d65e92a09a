namespace RomApi.AnalyticsService.Usage;

/// <summary>API requests of one user; apiKeyId null counts requests made with the user's own token.</summary>
public sealed record UsageDto(Guid UserId, DateTimeOffset From, DateTimeOffset To, long Total, IReadOnlyList<UsageDayDto> Days, IReadOnlyList<KeyUsageDto> Keys);

public sealed record UsageDayDto(DateOnly Date, long Count, IReadOnlyList<KeyUsageDto> ByKey);

public sealed record KeyUsageDto(Guid? ApiKeyId, long Count);

public sealed record UsageRow(DateTimeOffset Day, Guid? ApiKeyId, long Count);
