namespace RomApi.Storage.Postgres;

/// <summary>Unhealthy until the start-up migrator has applied every migration, so no replica takes traffic on an old schema.</summary>
public sealed class MigrationsHealthCheck<TContext>(MigrationState<TContext> state) : IHealthCheck where TContext : DbContext
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsApplied
            ? HealthCheckResult.Healthy($"Migrations of {typeof(TContext).Name} applied.")
            : HealthCheckResult.Unhealthy($"Migrations of {typeof(TContext).Name} not applied yet."));
}
