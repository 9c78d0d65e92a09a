namespace RomApi.Hosting.Local;

public static class RuntimeTuningExtensions
{
    public const string EarlyTieringSetting = "AppHost:EarlyTiering";

    /// <summary>
    /// The runtime starts counting calls toward optimized code only once a quiet spell passes without a newly compiled method.
    /// Under the first bulk load after a start the services keep compiling new methods, so their hot paths would run unoptimized
    /// for most of the load and search would fall behind. Without the delay start-up costs more CPU per service, so it is the
    /// deployments' setting (publish mode) and the benchmarks' (<c>AppHost:EarlyTiering=true</c>), not the local default
    /// (bench/RESULTS.md has the figures). The runtime reads it from the environment only.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithEarlyTiering(this IResourceBuilder<ProjectResource> project)
    {
        var builder = project.ApplicationBuilder;
        return builder.ExecutionContext.IsPublishMode || builder.Configuration.GetValue(EarlyTieringSetting, false)
            ? project.WithEnvironment("DOTNET_TC_CallCountingDelayMs", "0")
            : project;
    }
}
