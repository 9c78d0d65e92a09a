namespace RomApi.AnalyticsService.Data;

/// <summary>Column sizes of analytics_events, shared by the schema and the ingestion checks.</summary>
public static class EventLimits
{
    public const int EventTypeLength = 32;
    public const int UserAgentLength = 512;
    public const int ReferrerLength = 2048;
}
