namespace RomApi.ServiceDefaults.Health;

/// <summary>
/// A starting service fails its readiness checks until its migrations and seeding are done, and the AppHost asks ten times a
/// second meanwhile (its EagerHealthProbesExtensions): each answer logged an error per failing check, ten and more per service on every
/// start, and the dashboard showed a healthy system with red error counts. Until /health has answered Healthy once, the health
/// check service's own entries are therefore dropped (the /health body still says what fails); from then on every failure is
/// logged as before, since a dependency lost later is an error worth seeing.
/// </summary>
public sealed class StartupHealthLog
{
    /// <summary>The category of the per-check entries (an error for each Unhealthy check) of Microsoft's health check service.</summary>
    public const string Category = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    private volatile bool _healthyOnce;

    /// <summary>Whether an entry of <see cref="Category"/> at <paramref name="level"/> is written: warnings and errors, once healthy.</summary>
    public bool Writes(LogLevel level) => _healthyOnce && level >= LogLevel.Warning;

    public void Observe(HealthReport report)
    {
        if (report.Status == HealthStatus.Healthy)
        {
            _healthyOnce = true;
        }
    }
}
