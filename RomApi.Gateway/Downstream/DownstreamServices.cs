namespace RomApi.Gateway.Downstream;

/// <summary>The services behind the gateway, each with the path prefixes it owns.</summary>
public static class DownstreamServices
{
    public static readonly IReadOnlyList<DownstreamService> All =
    [
        new(ServiceNames.ResourceService, ["/api/v1/categories", "/api/v1/api-resources"]),
        new(ServiceNames.SearchService, ["/api/v1/search"]),
        new(ServiceNames.AnalyticsService, ["/api/v1/analytics"]),
    ];
}

public sealed record DownstreamService(string Name, IReadOnlyList<string> PathPrefixes);
