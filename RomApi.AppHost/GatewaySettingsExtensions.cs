namespace RomApi.AppHost;

public static class GatewaySettingsExtensions
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// Hands the AppHost's <c>Gateway</c> configuration section to the gateway as its own configuration: <c>Gateway:Limits:X</c>
    /// becomes the gateway's <c>Limits:X</c> (environment <c>Limits__X</c>). This is how an operator sets the rate limits and
    /// quotas of a run, for a load test for instance (docs/LOAD-TESTING.md), from the AppHost's command line, environment
    /// (<c>Gateway__Limits__PerMinuteByPlan__FREE</c>) or appsettings. An empty section adds nothing (the published manifest stays as is).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithGatewaySettings(this IResourceBuilder<ProjectResource> gateway)
    {
        var section = gateway.ApplicationBuilder.Configuration.GetSection(SectionName);
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                gateway.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
            }
        }
        return gateway;
    }
}
