using RomApi.Contracts;

namespace RomApi.Tests.ServiceDefaults;

/// <summary>The names the services use for each other (service discovery, cluster ids) are the AppHost's resource names.</summary>
public sealed class ServiceNamesTests
{
    [Fact]
    public void Every_service_name_is_a_resource_of_the_AppHost()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "aspire-manifest.json")))
        {
            directory = directory.Parent;
        }
        Assert.NotNull(directory);
        var resources = JsonNode.Parse(File.ReadAllText(Path.Combine(directory.FullName, "aspire-manifest.json")))!["resources"]!.AsObject();

        foreach (var name in new[] { ServiceNames.Gateway, ServiceNames.ResourceService, ServiceNames.SearchService, ServiceNames.AnalyticsService })
        {
            Assert.True(resources.ContainsKey(name), $"The AppHost has no resource '{name}'.");
            Assert.Equal("project.v0", resources[name]!["type"]!.GetValue<string>());
        }
    }
}
