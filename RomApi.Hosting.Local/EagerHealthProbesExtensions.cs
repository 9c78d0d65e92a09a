namespace RomApi.Hosting.Local;

/// <summary>
/// Aspire checks a resource that is not healthy yet again after 1 s, then after 2, 3, 4 and 5 s, and those intervals are not
/// settable. A service ready just after a failed check was seen healthy up to 3 s later, and whatever waited for it waited
/// too: on a warm start about a third of the time to "all healthy" was that back-off. Here each of the AppHost's health checks
/// retries a failing result every 100 ms within one call, for up to 5 s, so a resource is seen healthy about when it becomes so.
/// Only until it has passed once: a resource that fails later (its database down) is checked at Aspire's pace, not ten times a
/// second, each failure of which the service would log.
/// </summary>
public static class EagerHealthProbesExtensions
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(5);

    public static IDistributedApplicationBuilder ProbeHealthEagerly(this IDistributedApplicationBuilder builder)
    {
        // PostConfigure: after every AddHealthChecks() registration, Aspire's and ours.
        var passedOnce = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                var create = registration.Factory;
                // Stay inside the registration's own timeout, past which the health check service reports a failure anyway.
                var retryFor = registration.Timeout > TimeSpan.Zero && registration.Timeout - RetryEvery < RetryFor
                    ? registration.Timeout - RetryEvery
                    : RetryFor;
                var name = registration.Name;
                registration.Factory = services => passedOnce.ContainsKey(name)
                    ? create(services)
                    : new EagerHealthProbe(create(services), services.GetRequiredService<TimeProvider>(), RetryEvery, retryFor,
                        onHealthy: () => passedOnce.TryAdd(name, true));
            }
        });
        return builder;
    }
}

/// <summary>Runs <paramref name="inner"/> until it reports Healthy, every <paramref name="retryEvery"/>, for at most
/// <paramref name="retryFor"/>; then returns its last result (and calls <paramref name="onHealthy"/> when it is Healthy).</summary>
public sealed class EagerHealthProbe(
    IHealthCheck inner, TimeProvider time, TimeSpan retryEvery, TimeSpan retryFor, Action? onHealthy = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            HealthCheckResult result;
            try
            {
                result = await inner.CheckHealthAsync(context, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result = new HealthCheckResult(context.Registration.FailureStatus, exception.Message, exception);
            }
            if (result.Status == HealthStatus.Healthy)
            {
                onHealthy?.Invoke();
                return result;
            }
            if (time.GetElapsedTime(started) + retryEvery > retryFor)
            {
                return result;
            }
            await Task.Delay(retryEvery, time, cancellationToken);
        }
    }
}
