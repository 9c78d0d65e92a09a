using System.Reflection;

namespace RomApi.AppHost.LocalResources;

/// <summary>
/// The built assembly of each project the AppHost references, by project path: the AppHost's build writes them into its own
/// assembly (RomApi.AppHost.csproj, target EmbedProjectOutputs), so run mode starts exactly what that build made.
/// </summary>
public static class ProjectOutputs
{
    private const string KeyPrefix = "ProjectOutput:";

    public static string? AssemblyOf(string projectPath)
    {
        var key = KeyPrefix + Path.GetFullPath(projectPath);
        return typeof(ProjectOutputs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value;
    }
}
