using RomApi.Contracts.Analytics;
using RomApi.Contracts.Resources;

namespace RomApi.Gateway.Downstream;

/// <summary>The services behind the gateway, each with the path prefixes it owns.</summary>
public static class DownstreamServices
{
    public static readonly IReadOnlyList<DownstreamService> All =
    [
        new(ServiceNames.ResourceService, [ResourceRoutes.Categories, ResourceRoutes.ApiResources]),
        new(ServiceNames.SearchService, ["/api/v1/search"]),
        new(ServiceNames.AnalyticsService, [AnalyticsRoutes.Prefix]),
    ];
}

public sealed record DownstreamService(string Name, IReadOnlyList<string> PathPrefixes);
