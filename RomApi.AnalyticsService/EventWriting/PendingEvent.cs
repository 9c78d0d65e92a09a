namespace RomApi.AnalyticsService.EventWriting;

/// <summary>
/// A validated event waiting in the buffer: exactly the row the writer stores. <paramref name="Count"/> is how many alike events a
/// service folded into it (metadata.count); the hourly rollup adds that many. <paramref name="ViewKey"/> names the client, resource
/// and window of a VIEW (see <see cref="Events.ViewKeys"/>): only the first event of a key is stored.
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
    long Count = 1,
    Guid? ViewKey = null);
