using Microsoft.EntityFrameworkCore;
using Npgsql;
using RomApi.AnalyticsService.Infrastructure.Configuration;

namespace RomApi.AnalyticsService.Infrastructure.Database;

public static class PostgresSetup
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the named PostgreSQL connection string, the start-up migrator,
    /// and the "postgres" and "migrations" health checks.
    /// </summary>
    public static IHostApplicationBuilder AddPostgresDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetRequiredConnectionString(connectionName);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddDbContext<TContext>((services, options) =>
            options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>()));

        builder.Services.AddSingleton<MigrationState<TContext>>();
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();

        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", timeout: CheckTimeout)
            .AddCheck<MigrationsHealthCheck<TContext>>("migrations");
        return builder;
    }
}
