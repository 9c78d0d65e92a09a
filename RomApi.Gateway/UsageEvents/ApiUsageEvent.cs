namespace RomApi.Gateway.UsageEvents;

/// <summary>One proxied or gateway request of an authenticated caller, as the request path records it (cheap: no id, no JSON).</summary>
public readonly record struct ApiRequestRecord(
    Guid? UserId, Guid? ApiKeyId, string? UserAgent, string? IpAddress, string Route, string Method, int Status, double DurationMs,
    DateTimeOffset At);

/// <summary>
/// An API_REQUEST event of the analytics ingestion contract: <see cref="ApiUsageMetadata.Count"/> alike requests of one minute
/// (see <see cref="UsageFold"/>).
/// </summary>
public sealed record ApiUsageEvent(
    Guid Id,
    string EventType,
    Guid? UserId,
    Guid? ApiKeyId,
    string? UserAgent,
    string? IpAddress,
    ApiUsageMetadata Metadata,
    DateTimeOffset CreatedAt);

/// <summary>durationMs is the mean of the folded requests, maxDurationMs the slowest.</summary>
public sealed record ApiUsageMetadata(string Route, string Method, int Status, double DurationMs, double MaxDurationMs, long Count);

public sealed record ApiUsageBatch(IReadOnlyList<ApiUsageEvent> Events);
