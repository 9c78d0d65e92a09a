namespace RomApi.Contracts.Analytics;

/// <summary>The analytics service's ingestion endpoint for other services (service token only; not routed by the gateway).</summary>
public static class AnalyticsIngestion
{
    /// <summary>Takes <see cref="EventBatch{TEvent}"/>, answers 202 with what it accepted.</summary>
    public const string Path = "/internal/events";
}

/// <summary>
/// One event as a service sends it to <see cref="AnalyticsIngestion.Path"/>; the analytics service reads it as an
/// <see cref="EventInput"/>. <typeparamref name="TMetadata"/> is the event type's metadata (<see cref="ViewMetadata"/>,
/// <see cref="SearchMetadata"/>, <see cref="ApiUsageMetadata"/>).
/// </summary>
public sealed record ServiceEvent<TMetadata>(
    Guid Id,
    Guid? ResourceId,
    string EventType,
    Guid? UserId,
    Guid? ApiKeyId,
    string? UserAgent,
    string? IpAddress,
    string? Referrer,
    TMetadata? Metadata,
    DateTimeOffset CreatedAt)
    where TMetadata : class;

/// <summary>The body of a batch: <c>{"events": [...]}</c>.</summary>
public sealed record EventBatch<TEvent>(IReadOnlyList<TEvent> Events);

/// <summary>A VIEW event's metadata: how many alike reads of one minute the event stands for.</summary>
public sealed record ViewMetadata(long Count);

/// <summary>A SEARCH event's metadata: the query, its filters, how many resources matched and how long it took.</summary>
public sealed record SearchMetadata(string Query, IReadOnlyDictionary<string, string> Filters, long ResultCount, double TookMs);

/// <summary>An API_REQUEST event's metadata: <see cref="Count"/> alike requests of one minute; durationMs their mean, maxDurationMs the slowest.</summary>
public sealed record ApiUsageMetadata(string Route, string Method, int Status, double DurationMs, double MaxDurationMs, long Count);
