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

    /// <summary>
    /// A first-generation budget of <paramref name="mebibytes"/> for a service that allocates much per request and keeps little of
    /// it (search: each query's scorers, collectors and answer). With the default budget such a service collects so often that the
    /// collector's work rivals the requests'; a larger one lets most of each request's garbage die before a collection looks at it,
    /// for a few tens of MiB more memory (bench/RESULTS.md). The runtime reads this setting from the environment only.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithGen0Budget(this IResourceBuilder<ProjectResource> project, int mebibytes) =>
        project.WithEnvironment("DOTNET_GCgen0size", "0x" + (mebibytes * 1024L * 1024).ToString("X", System.Globalization.CultureInfo.InvariantCulture));
}
