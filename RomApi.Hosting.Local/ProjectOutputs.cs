using System.Reflection;

namespace RomApi.Hosting.Local;

/// <summary>
/// The built assembly of each project the AppHost references, by project path: the AppHost's build writes them into its own
/// assembly (RomApi.AppHost.csproj, target EmbedProjectOutputs), so run mode starts exactly what that build made.
/// </summary>
public static class ProjectOutputs
{
    private const string KeyPrefix = "ProjectOutput:";

    public static string? AssemblyOf(IDistributedApplicationBuilder builder, string projectPath)
    {
        var key = KeyPrefix + Path.GetFullPath(projectPath);
        return builder.AppHostAssembly?.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value;
    }
}
