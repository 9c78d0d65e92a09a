namespace RomApi.AnalyticsService.Data;

/// <summary>
/// One raw event. The table is partitioned by month on <see cref="CreatedAt"/> and has no primary key (a key on a partitioned
/// table must include the partition column and would only slow ingestion); client-chosen ids are deduplicated in
/// <see cref="ReceivedEventId"/> instead. Written with COPY by the ingestion writer, only read through EF.
/// </summary>
public sealed class AnalyticsEvent
{
    public Guid Id { get; set; }

    /// <summary>Null for events about no resource (API_REQUEST, SEARCH).</summary>
    public Guid? ResourceId { get; set; }

    /// <summary>UPPER_CASE event name such as VIEW; see <c>EventTypes</c>.</summary>
    public required string EventType { get; set; }

    public Guid? UserId { get; set; }
    public Guid? ApiKeyId { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>The client's network, never its address: /24 for IPv4, /48 for IPv6.</summary>
    public IPAddress? IpAddress { get; set; }

    public string? Referrer { get; set; }

    /// <summary>Free-form JSON object (jsonb).</summary>
    public string? Metadata { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
