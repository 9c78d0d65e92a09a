using System.Globalization;

namespace RomApi.Hosting.Local;

public static class TraceSamplingExtensions
{
    public const string Setting = "AppHost:TraceSampleRatio";

    /// <summary>
    /// Every request is traced to the dashboard by default. <c>AppHost:TraceSampleRatio</c> (0 to 1) keeps that share of the
    /// traces instead (a trace the caller sampled stays sampled): what a load test sets, so that it measures the services and not
    /// the dashboard receiving a span per request (docs/LOAD-TESTING.md).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTraceSampling(this IResourceBuilder<ProjectResource> project)
    {
        var ratio = project.ApplicationBuilder.Configuration.GetValue<double?>(Setting);
        return ratio is { } value
            ? project.WithEnvironment("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
                .WithEnvironment("OTEL_TRACES_SAMPLER_ARG", Math.Clamp(value, 0, 1).ToString(CultureInfo.InvariantCulture))
            : project;
    }
}
