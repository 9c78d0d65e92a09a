namespace RomApi.AnalyticsService.Data;

/// <summary>A client-chosen event id already stored: a retry carrying it again is counted once.</summary>
public sealed class ReceivedEventId
{
    public Guid Id { get; set; }

    /// <summary>When it was first stored; ids older than the idempotency window are purged.</summary>
    public DateTimeOffset ReceivedAt { get; set; }
}
