namespace RomApi.Gateway.Usage;

/// <summary>An API_REQUEST event of the analytics ingestion contract (metadata: route, method, status, durationMs).</summary>
public sealed record ApiUsageEvent(
    Guid Id,
    string EventType,
    Guid? UserId,
    Guid? ApiKeyId,
    string? UserAgent,
    string? IpAddress,
    ApiUsageMetadata Metadata,
    DateTimeOffset CreatedAt);

public sealed record ApiUsageMetadata(string Route, string Method, int Status, double DurationMs);

public sealed record ApiUsageBatch(IReadOnlyList<ApiUsageEvent> Events);
