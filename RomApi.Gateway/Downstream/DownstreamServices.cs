using RomApi.Contracts.Analytics;
using RomApi.Contracts.Resources;
using RomApi.Contracts.Search;

namespace RomApi.Gateway.Downstream;

/// <summary>The services behind the gateway, each with the path prefixes it owns.</summary>
public static class DownstreamServices
{
    public static readonly IReadOnlyList<DownstreamService> All =
    [
        new(ServiceNames.ResourceService, [ResourceRoutes.Categories, ResourceRoutes.ApiResources]),
        new(ServiceNames.SearchService, [SearchRoutes.Prefix]),
        new(ServiceNames.AnalyticsService, [AnalyticsRoutes.Prefix]),
    ];
}

public sealed record DownstreamService(string Name, IReadOnlyList<string> PathPrefixes);
