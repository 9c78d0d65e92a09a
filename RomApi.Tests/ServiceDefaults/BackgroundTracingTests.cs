using OpenTelemetry;
using OpenTelemetry.Trace;
using RomApi.Platform.Telemetry;

namespace RomApi.Tests.ServiceDefaults;

/// <summary>Under the parent-based sampler ServiceDefaults sets, work inside <see cref="BackgroundTracing.Untraced"/> records no
/// span and says "not sampled" downstream, while <see cref="BackgroundTracing.StartWork"/> starts a recorded trace of its own.</summary>
public sealed class BackgroundTracingTests
{
    private static TracerProvider Provider(ActivitySource source) => Sdk.CreateTracerProviderBuilder()
        .SetSampler(new ParentBasedSampler(new AlwaysOnSampler()))
        .AddSource(source.Name, BackgroundTracing.SourceName)
        .Build()!;

    [Fact]
    public void A_span_started_under_Untraced_is_not_recorded_and_its_traceparent_says_not_sampled()
    {
        using var source = new ActivitySource($"RomApi.Tests.{Guid.NewGuid():N}");
        using var provider = Provider(source);

        using (BackgroundTracing.Untraced())
        {
            using var inside = source.StartActivity("idle poll", ActivityKind.Client);
            Assert.True(inside is null || !inside.Recorded, "a span under Untraced was recorded");
            Assert.NotNull(Activity.Current);
            Assert.Equal(ActivityTraceFlags.None, Activity.Current!.ActivityTraceFlags);
            Assert.EndsWith("-00", Activity.Current.Id);
        }

        Assert.Null(Activity.Current);
        using var outside = source.StartActivity("request", ActivityKind.Client);
        Assert.NotNull(outside);
        Assert.True(outside.Recorded);
    }

    [Fact]
    public void StartWork_under_Untraced_is_a_recorded_root_of_its_own_trace()
    {
        using var source = new ActivitySource($"RomApi.Tests.{Guid.NewGuid():N}");
        using var provider = Provider(source);

        using (BackgroundTracing.Untraced())
        {
            var untracedTrace = Activity.Current!.TraceId;
            using var work = BackgroundTracing.StartWork("index changes");
            Assert.NotNull(work);
            Assert.True(work.Recorded);
            Assert.Null(work.ParentId);
            Assert.NotEqual(untracedTrace, work.TraceId);
            using var child = source.StartActivity("GET", ActivityKind.Client);
            Assert.NotNull(child);
            Assert.True(child.Recorded);
            Assert.Equal(work.TraceId, child.TraceId);
        }
    }
}
