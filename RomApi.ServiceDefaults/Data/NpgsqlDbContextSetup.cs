using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RomApi.ServiceDefaults.Configuration;
using RomApi.ServiceDefaults.Data;

namespace Microsoft.Extensions.Hosting;

/// <summary>The PostgreSQL client integration, named and shaped like Aspire's so that Program.cs reads the same.</summary>
public static class NpgsqlDbContextSetup
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the named PostgreSQL connection string, a background migrator
    /// that applies the service's own migrations (retrying until the database answers),
    /// and the "postgres" and "migrations" health checks.
    /// </summary>
    /// <remarks>
    /// Naming (snake_case columns, UPPER_CASE enum text) stays in the context's OnModelCreating, through
    /// <see cref="SnakeCaseNaming"/> and <see cref="UpperCaseEnumConverter{TEnum}"/>: dotnet-ef builds the model
    /// for migrations without this registration, and both paths must see the same model.
    /// </remarks>
    public static void AddNpgsqlDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName)
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
    }
}
