namespace RomApi.AnalyticsService.Data;

/// <summary>
/// Events per resource, event type and UTC hour, kept current in the same transaction as the raw rows
/// and kept when raw partitions are dropped by retention.
/// </summary>
public sealed class HourlyRollup
{
    public Guid ResourceId { get; set; }
    public required string EventType { get; set; }
    public DateTimeOffset BucketStart { get; set; }
    public long Count { get; set; }
}
