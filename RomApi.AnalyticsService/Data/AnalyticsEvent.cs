namespace RomApi.AnalyticsService.Data;

/// <summary>One recorded event (view, click, ...) about one resource.</summary>
public sealed class AnalyticsEvent
{
    public Guid Id { get; set; }
    public Guid ResourceId { get; set; }

    /// <summary>UPPER_CASE event name such as VIEW or CLICK; open-ended, so text rather than an enum.</summary>
    public required string EventType { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Free-form JSON (jsonb) the client sent with the event.</summary>
    public string? Metadata { get; set; }
}
