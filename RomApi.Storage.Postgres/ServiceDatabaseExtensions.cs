using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RomApi.ServiceDefaults.Errors;
using RomApi.ServiceDefaults.Health;

namespace RomApi.Storage.Postgres;

/// <summary>A service's own PostgreSQL database, on Aspire's Npgsql client integrations.</summary>
public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// One <see cref="NpgsqlDataSource"/> on the named connection string (Aspire.Npgsql: pooling, tracing, metrics), shared by
    /// <typeparamref name="TContext"/> (Aspire.Npgsql.EntityFrameworkCore.PostgreSQL's enrichment) and the service's raw SQL and
    /// COPY; a background migrator that applies the service's migrations (retrying until the database answers); the "postgres"
    /// and "migrations" health checks.
    /// </summary>
    /// <remarks>
    /// Commands and connection opens have the short budget of <see cref="DatabaseBudget"/> (section "Database"); long work sets
    /// <see cref="DatabaseBudget.LongCommandTimeout"/> on what it runs.
    /// Aspire's own health checks and EF retries are off: the service reports the database as "postgres" (with a timeout of its
    /// own), and a retrying execution strategy would refuse the service's explicit transactions (a write and its outbox row).
    /// Naming (snake_case columns, UPPER_CASE enum text) stays in the context's OnModelCreating, through
    /// <see cref="SnakeCaseNamingExtensions"/> and <see cref="UpperCaseEnumConverter{TEnum}"/>: dotnet-ef builds the model for migrations
    /// without this registration, and both paths must see the same model.
    /// </remarks>
    public static void AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var budget = builder.Configuration.GetSection(DatabaseBudget.SectionName).Get<DatabaseBudget>() ?? new DatabaseBudget();
        builder.AddNpgsqlDataSource(connectionName, settings => settings.DisableHealthChecks = true, dataSource =>
        {
            var connection = dataSource.ConnectionStringBuilder;
            connection.CommandTimeout = Seconds(budget.CommandTimeout);
            connection.Timeout = Seconds(budget.ConnectTimeout);
            connection.CancellationTimeout = (int)budget.CancellationTimeout.TotalMilliseconds;
        });
        builder.Services.AddDbContext<TContext>((services, options) => options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>()));
        builder.EnrichNpgsqlDbContext<TContext>(settings =>
        {
            settings.DisableHealthChecks = true;
            settings.DisableRetry = true;
        });

        builder.Services.AddSingleton<MigrationState<TContext>>();
        builder.Services.AddSingleton<DatabaseAvailability>();
        builder.Services.AddSingleton<IErrorClassifier, PostgresErrorClassifier>();
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();

        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", failureStatus: HealthStatus.Degraded, timeout: DependencyHealth.CheckTimeout)
            .AddCheck<MigrationsHealthCheck<TContext>>("migrations");
    }

    // Npgsql counts in whole seconds; a budget under one second would mean "no timeout" (0).
    private static int Seconds(TimeSpan budget) => Math.Max(1, (int)Math.Ceiling(budget.TotalSeconds));
}
