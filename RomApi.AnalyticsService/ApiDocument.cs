namespace RomApi.AnalyticsService;

/// <summary>
/// What the analytics service's OpenAPI document takes from its event types (see <see cref="ApiDocumentExtensions"/>); its
/// title, tags and fixed query values are in appsettings.json ("OpenApi:Document").
/// </summary>
public static class ApiDocument
{
    public static IServiceCollection AddAnalyticsApiDocument(this IServiceCollection services) => services.AddApiDocument(document =>
    {
        document.QueryEnums["GetTopResources.eventType"] = [.. EventTypes.ResourceEvents];
        document.Schema<EventInput>(["eventType"], new() { ["eventType"] = [.. EventTypes.ResourceEvents, .. EventTypes.ServiceOnly] });
    });
}
