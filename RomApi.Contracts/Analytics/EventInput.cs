namespace RomApi.Contracts.Analytics;

/// <summary>
/// One event as the analytics service reads it, from a client (POST /analytics/events) or a service
/// (<see cref="ServiceEvent{TMetadata}"/>). Public clients send id?, resourceId, eventType, referrer?, metadata?, createdAt?; services may add
/// userId, apiKeyId, userAgent and ipAddress (ignored from clients: taken from the caller and the request instead).
/// </summary>
public sealed record EventInput(
    Guid? Id,
    Guid? ResourceId,
    string? EventType,
    Guid? UserId,
    Guid? ApiKeyId,
    string? UserAgent,
    string? IpAddress,
    string? Referrer,
    JsonElement? Metadata,
    DateTimeOffset? CreatedAt);
