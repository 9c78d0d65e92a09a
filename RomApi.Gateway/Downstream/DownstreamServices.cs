using RomApi.ServiceDefaults;

namespace RomApi.Gateway.Downstream;

/// <summary>The services behind the gateway, each with the path prefixes it owns.</summary>
public static class DownstreamServices
{
    public const string ResourceService = ServiceNames.ResourceService;
    public const string SearchService = ServiceNames.SearchService;
    public const string AnalyticsService = ServiceNames.AnalyticsService;

    public static readonly IReadOnlyList<DownstreamService> All =
    [
        new(ResourceService, ["/api/v1/categories", "/api/v1/api-resources"]),
        new(SearchService, ["/api/v1/search"]),
        new(AnalyticsService, ["/api/v1/analytics"]),
    ];
}

public sealed record DownstreamService(string Name, IReadOnlyList<string> PathPrefixes);
