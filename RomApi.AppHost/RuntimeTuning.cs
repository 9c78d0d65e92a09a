using Microsoft.Extensions.Configuration;

namespace RomApi.AppHost;

public static class RuntimeTuning
{
    public const string EarlyTieringSetting = "AppHost:EarlyTiering";

    /// <summary>
    /// The runtime starts counting calls toward optimized code only once 100 ms pass without a newly compiled method. Under the
    /// first bulk load after a start the services keep compiling new methods, so their hot paths ran unoptimized for most of the
    /// load and search fell behind: a 100,000-item ingest took 12.6 CPU-seconds of the search service with the delay and 9.7
    /// without (bench/RESULTS.md, issue 13). Without the delay, start-up costs about a CPU-second more per service (a warm
    /// `dotnet run` of the AppHost went from 9.3 to 13.9 s to all healthy), so it is the deployments' setting (publish mode) and
    /// the benchmarks' (<c>AppHost:EarlyTiering=true</c>), not the local default. The runtime reads it from the environment only.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithEarlyTiering(this IResourceBuilder<ProjectResource> project)
    {
        var builder = project.ApplicationBuilder;
        return builder.ExecutionContext.IsPublishMode || builder.Configuration.GetValue(EarlyTieringSetting, false)
            ? project.WithEnvironment("DOTNET_TC_CallCountingDelayMs", "0")
            : project;
    }
}
