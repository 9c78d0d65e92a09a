using System.Reflection;
using Aspire.Hosting.Eventing;

namespace RomApi.Tests.AppHost;

/// <summary>Run mode starts a project from its build output; under <c>dotnet watch</c>, or turned off, Aspire's own launch stays.</summary>
public sealed class BuildOutputLaunchTests
{
    private static async Task<ProjectResource> ProjectAfterBeforeStartAsync(params string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = args,
            AssemblyName = "RomApi.AppHost",
            DisableDashboard = true,
        });
        builder.RunProjectsFromBuildOutput();
        var project = builder.AddProject<Projects.RomApi_AnalyticsService>("analyticsservice").Resource;
        await using var app = builder.Build();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        await app.Services.GetRequiredService<IDistributedApplicationEventing>().PublishAsync(new BeforeStartEvent(app.Services, model));
        return project;
    }

    [Fact]
    public async Task A_project_is_started_from_the_launcher_its_build_made_in_its_own_folder()
    {
        var project = await ProjectAfterBeforeStartAsync();

        var projectFolder = Path.GetDirectoryName(new Projects.RomApi_AnalyticsService().ProjectPath)!;
        var configuration = typeof(BuildOutputLaunchTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        Assert.True(project.TryGetLastAnnotation<ExecutableAnnotation>(out var launch), "no build-output launch on the project");
        Assert.Equal(Path.Combine(projectFolder, "bin", configuration, "net10.0", "RomApi.AnalyticsService"), launch.Command);
        Assert.Equal(projectFolder, launch.WorkingDirectory);
        Assert.True(File.Exists(launch.Command));
    }

    [Theory]
    [InlineData("--DOTNET_WATCH=true")]
    [InlineData("--DOTNET_WATCH=1")]
    [InlineData("--AppHost:ProjectsFromBuildOutput=false")]
    public async Task Under_dotnet_watch_or_when_turned_off_the_project_keeps_Aspire_s_own_launch(string setting)
    {
        var project = await ProjectAfterBeforeStartAsync(setting);

        Assert.False(project.TryGetLastAnnotation<ExecutableAnnotation>(out _));
    }
}
