namespace RomApi.ResourceService.Views;

/// <summary>One event as POST /internal/events of the analytics service takes it (shared contract).</summary>
public sealed record ViewEvent(
    Guid Id,
    Guid ResourceId,
    string EventType,
    Guid? UserId,
    Guid? ApiKeyId,
    string? UserAgent,
    string? IpAddress,
    string? Referrer,
    DateTimeOffset CreatedAt,
    ViewMetadata? Metadata = null);

/// <summary>How many alike reads of one minute the event stands for (see <see cref="ViewFold"/>).</summary>
public sealed record ViewMetadata(long Count);

public sealed record ViewEventBatch(IReadOnlyList<ViewEvent> Events);
