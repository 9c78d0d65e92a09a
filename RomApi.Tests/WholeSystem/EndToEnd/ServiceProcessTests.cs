namespace RomApi.Tests.WholeSystem.EndToEnd;

[Collection(SystemCollection.Name)]
public sealed class ServiceProcessTests(SystemFixture system)
{
    [Theory]
    [InlineData("gateway", "RomApi.Gateway")]
    [InlineData("resourceservice", "RomApi.ResourceService")]
    [InlineData("searchservice", "RomApi.SearchService")]
    [InlineData("analyticsservice", "RomApi.AnalyticsService")]
    public async Task Every_replica_runs_its_project_s_build_output_with_no_dotnet_run_in_between(string resource, string project)
    {
        foreach (var replica in await system.App.ReplicasAsync(resource))
        {
            Assert.True(replica.ProcessId is not null, $"{replica.ResourceId} has no process");
            var program = File.ReadAllText($"/proc/{replica.ProcessId}/cmdline").Split('\0')[0];

            Assert.Equal(project, Path.GetFileName(program));
            Assert.Contains($"/{project}/bin/", program, StringComparison.Ordinal);
        }
    }
}
