using System.Runtime.InteropServices;

namespace RomApi.Hosting.Local;

/// <summary>
/// DCP starts a project resource with <c>dotnet run --no-build</c>, which evaluates the project with MSBuild before the service
/// starts, a large share of a warm start's work (bench/RESULTS.md has the figures). The AppHost's build has just built every project it references, so run mode starts each one from its build output
/// (Aspire launches a project that carries an <see cref="ExecutableAnnotation"/> with that command). The resource stays a project:
/// replicas, service discovery, the dashboard and the manifest are unchanged. An IDE still launches projects itself (Aspire ignores
/// the command then), and under <c>dotnet watch</c>, which must own the process, nothing is changed.
/// <c>AppHost:ProjectsFromBuildOutput=false</c> keeps Aspire's own launch (bench/apphost-lifecycle.sh measures both).
/// </summary>
public static class BuildOutputLaunchExtensions
{
    public const string Setting = "AppHost:ProjectsFromBuildOutput";

    public static IDistributedApplicationBuilder RunProjectsFromBuildOutput(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode || IsTrue(builder.Configuration["DOTNET_WATCH"]) || !builder.Configuration.GetValue(Setting, true))
        {
            return builder;
        }
        // The services' launchers look for the runtime there, as `dotnet run` would tell them (DOTNET_ROOT_<arch>).
        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            foreach (var project in @event.Model.Resources.OfType<ProjectResource>())
            {
                if (project.TryGetLastAnnotation<IProjectMetadata>(out var metadata)
                    && ProjectOutputs.AssemblyOf(builder, metadata.ProjectPath) is { } assembly
                    && Launcher(assembly) is { } launcher)
                {
                    project.Annotations.Add(new ExecutableAnnotation { Command = launcher, WorkingDirectory = Path.GetDirectoryName(metadata.ProjectPath)! });
                    project.Annotations.Add(new EnvironmentCallbackAnnotation("DOTNET_ROOT", () => dotnetRoot));
                }
            }
            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>The native launcher the SDK builds next to the assembly; none (a project built without one) keeps <c>dotnet run</c>.</summary>
    private static string? Launcher(string assembly)
    {
        var launcher = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        return File.Exists(launcher) ? launcher : null;
    }

    private static bool IsTrue(string? value) => bool.TryParse(value, out var flag) ? flag : value == "1";
}
