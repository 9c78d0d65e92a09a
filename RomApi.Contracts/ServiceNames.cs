namespace RomApi.Contracts;

/// <summary>
/// The services' names as the AppHost registers them: the service-discovery host names (<c>http://resourceservice</c>), the
/// gateway's cluster ids, and the names a service puts in the platform token when it calls another one.
/// </summary>
public static class ServiceNames
{
    public const string Gateway = "gateway";
    public const string ResourceService = "resourceservice";
    public const string SearchService = "searchservice";
    public const string AnalyticsService = "analyticsservice";

    /// <summary>The address service discovery resolves to one of <paramref name="service"/>'s replicas.</summary>
    public static Uri DiscoveryAddress(string service) => new($"http://{service}");
}
