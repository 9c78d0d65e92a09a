using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RomApi.ServiceDefaults.Data;

namespace Microsoft.Extensions.Hosting;

/// <summary>A service's own PostgreSQL database, on Aspire's Npgsql client integrations.</summary>
public static class ServiceDatabaseSetup
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// One <see cref="NpgsqlDataSource"/> on the named connection string (Aspire.Npgsql: pooling, tracing, metrics), shared by
    /// <typeparamref name="TContext"/> (Aspire.Npgsql.EntityFrameworkCore.PostgreSQL's enrichment) and the service's raw SQL and
    /// COPY; a background migrator that applies the service's migrations (retrying until the database answers); the "postgres"
    /// and "migrations" health checks.
    /// </summary>
    /// <remarks>
    /// Aspire's own health checks and EF retries are off: the service reports the database as "postgres" (with a timeout of its
    /// own), and a retrying execution strategy would refuse the service's explicit transactions (a write and its outbox row).
    /// Naming (snake_case columns, UPPER_CASE enum text) stays in the context's OnModelCreating, through
    /// <see cref="SnakeCaseNaming"/> and <see cref="UpperCaseEnumConverter{TEnum}"/>: dotnet-ef builds the model for migrations
    /// without this registration, and both paths must see the same model.
    /// </remarks>
    public static void AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        builder.AddNpgsqlDataSource(connectionName, settings => settings.DisableHealthChecks = true);
        builder.Services.AddDbContext<TContext>((services, options) => options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>()));
        builder.EnrichNpgsqlDbContext<TContext>(settings =>
        {
            settings.DisableHealthChecks = true;
            settings.DisableRetry = true;
        });

        builder.Services.AddSingleton<MigrationState<TContext>>();
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();

        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", timeout: CheckTimeout)
            .AddCheck<MigrationsHealthCheck<TContext>>("migrations");
    }
}
