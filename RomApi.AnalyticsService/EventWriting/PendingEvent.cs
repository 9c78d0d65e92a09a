using NpgsqlTypes;

namespace RomApi.AnalyticsService.EventWriting;

/// <summary>
/// A validated event waiting in the buffer: exactly the row the writer stores. <paramref name="Count"/> is how many alike events a
/// service folded into it (metadata.count); the hourly rollup adds that many.
/// </summary>
public sealed record PendingEvent(
    Guid Id,
    bool IdFromClient,
    Guid? ResourceId,
    string EventType,
    Guid? UserId,
    Guid? ApiKeyId,
    string? UserAgent,
    NpgsqlInet? IpAddress,
    string? Referrer,
    string? Metadata,
    DateTimeOffset CreatedAt,
    long Count = 1);
