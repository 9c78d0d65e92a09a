using System.Diagnostics;

namespace RomApi.Platform.Telemetry;

/// <summary>
/// Spans for work no request started: start-up phases (one trace each, with their SQL inside, instead of one trace per
/// statement) and periodic work that found something to do; and no spans at all for periodic work that did nothing.
/// </summary>
/// <remarks>
/// <see cref="Untraced"/> makes an unsampled parent current: under the parent-based sampler (ServiceDefaults sets it), every
/// span started below it (HttpClient, EF/Npgsql, Redis) is dropped, and the traceparent it sends says "not sampled", so the
/// service it calls drops its server span and that span's children too. An idle poll every second then costs no trace
/// anywhere, while every request and every change applied stays traced.
/// </remarks>
public static class BackgroundTracing
{
    /// <summary>The source of these spans (ServiceDefaults' tracing listens to it).</summary>
    public const string SourceName = Microsoft.Extensions.Hosting.Extensions.BackgroundSourceName;

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A root span for one piece of background work, its own trace (null when nobody listens). Whatever span was
    /// current (an unsampled idle poll, say) is not its parent; once it stops, none is current.</summary>
    public static Activity? StartWork(string name)
    {
        var current = Activity.Current;
        // A default parent context means "the current activity": without one current, the new span is a root.
        Activity.Current = null;
        var activity = Source.StartActivity(name, ActivityKind.Internal);
        if (activity is null)
        {
            Activity.Current = current;
        }
        return activity;
    }

    /// <summary>Until disposed, the work on this async flow records no span and asks the services it calls to record none.</summary>
    public static IDisposable Untraced()
    {
        var previous = Activity.Current;
        var parent = new Activity("untraced background work");
        parent.SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);
        parent.Start();
        return new Scope(parent, previous);
    }

    private sealed class Scope(Activity parent, Activity? previous) : IDisposable
    {
        public void Dispose()
        {
            parent.Stop();
            Activity.Current = previous;
        }
    }
}
