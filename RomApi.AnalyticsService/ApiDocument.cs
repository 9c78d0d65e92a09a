namespace RomApi.AnalyticsService;

/// <summary>What the analytics service's OpenAPI document says beyond its endpoints (see <see cref="ApiDocumentExtensions"/>).</summary>
public static class ApiDocument
{
    public static IServiceCollection AddAnalyticsApiDocument(this IServiceCollection services) => services.AddApiDocument(document =>
    {
        document.Title = "ROMAPI analytics service";
        document.Description = "Events about resources, per-resource statistics, top lists, API usage and search analytics.";
        document.Tags["Analytics"] = "Events (views, clicks, contacts, shares), statistics, top resources, API usage, search queries.";
        document.Tags["Internal"] = "Service-to-service event ingestion (not routed by the gateway).";
        document.QueryEnums["interval"] = ["hour", "day", "week"];
        document.QueryTypes["from"] = "date-time";
        document.QueryTypes["to"] = "date-time";
        document.QueryEnums["GetTopResources.eventType"] = [.. EventTypes.ResourceEvents];
        document.Schema<EventInput>(["eventType"], new() { ["eventType"] = [.. EventTypes.ResourceEvents, .. EventTypes.ServiceOnly] });
    });
}
