namespace RomApi.Tests.AppHost;

/// <summary>The AppHost's health-check wrapper that retries a failing check within one call while a resource starts.</summary>
public sealed class EagerHealthProbeTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    /// <summary>Answers the given results in turn (the last one from then on), or throws where the result is null.</summary>
    private sealed class ScriptedCheck(params HealthCheckResult?[] results) : IHealthCheck
    {
        public int Calls { get; private set; }

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var result = results[Math.Min(Calls++, results.Length - 1)];
            return result is { } answer ? Task.FromResult(answer) : throw new HttpRequestException("Connection refused (127.0.0.1:5)");
        }
    }

    private static HealthCheckContext Context(IHealthCheck check) => new()
    {
        Registration = new HealthCheckRegistration("gateway_http_/health_200_check", check, HealthStatus.Unhealthy, tags: null),
    };

    [Fact]
    public async Task A_check_that_passes_after_two_failures_is_reported_healthy_from_one_call()
    {
        var inner = new ScriptedCheck(HealthCheckResult.Unhealthy("starting"), HealthCheckResult.Unhealthy("starting"), HealthCheckResult.Healthy("up"));
        var toldHealthy = 0;
        var probe = new EagerHealthProbe(inner, TimeProvider.System, Step, TimeSpan.FromMinutes(1), onHealthy: () => toldHealthy++);

        var result = await probe.CheckHealthAsync(Context(inner));

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("up", result.Description);
        Assert.Equal(3, inner.Calls);
        Assert.Equal(1, toldHealthy);
    }

    [Fact]
    public async Task A_check_that_keeps_failing_returns_its_own_last_result_once_the_window_is_over()
    {
        var inner = new ScriptedCheck(HealthCheckResult.Degraded("redis slow"));
        var toldHealthy = 0;
        var probe = new EagerHealthProbe(inner, TimeProvider.System, Step, TimeSpan.FromMilliseconds(100), onHealthy: () => toldHealthy++);

        var result = await probe.CheckHealthAsync(Context(inner));

        Assert.Equal(0, toldHealthy);
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("redis slow", result.Description);
        Assert.True(inner.Calls >= 2, $"retried within the window ({inner.Calls} calls)");
    }

    [Fact]
    public async Task A_healthy_check_is_called_once()
    {
        var inner = new ScriptedCheck(HealthCheckResult.Healthy());
        var probe = new EagerHealthProbe(inner, TimeProvider.System, Step, TimeSpan.FromMinutes(1));

        Assert.Equal(HealthStatus.Healthy, (await probe.CheckHealthAsync(Context(inner))).Status);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task A_check_that_throws_counts_as_its_failure_status_and_is_retried()
    {
        var inner = new ScriptedCheck(null, HealthCheckResult.Healthy("up"));
        var probe = new EagerHealthProbe(inner, TimeProvider.System, Step, TimeSpan.FromMinutes(1));
        Assert.Equal(HealthStatus.Healthy, (await probe.CheckHealthAsync(Context(inner))).Status);

        var failing = new ScriptedCheck([null]);
        var result = await new EagerHealthProbe(failing, TimeProvider.System, Step, TimeSpan.FromMilliseconds(60)).CheckHealthAsync(Context(failing));
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("Connection refused (127.0.0.1:5)", result.Description);
        Assert.IsType<HttpRequestException>(result.Exception);
    }

    [Fact]
    public async Task Cancelling_the_call_stops_the_retries()
    {
        var inner = new ScriptedCheck(HealthCheckResult.Unhealthy("starting"));
        var probe = new EagerHealthProbe(inner, TimeProvider.System, Step, TimeSpan.FromMinutes(1));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.CheckHealthAsync(Context(inner), cancel.Token));
    }
}
