using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RomApi.Platform.Telemetry;

namespace RomApi.Storage.Postgres;

/// <summary>
/// Applies the EF Core migrations at start-up, retrying until the database answers
/// (the database may start after the service), in the manner of eShop's MigrateDbContextAsync.
/// </summary>
public sealed partial class DatabaseMigrator<TContext>(
    IServiceScopeFactory scopeFactory,
    MigrationState<TContext> state,
    TimeProvider time,
    ILogger<DatabaseMigrator<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var contextName = typeof(TContext).Name;
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                LogApplying(logger, contextName, attempt);
                // One trace for the phase, its statements inside, rather than a trace per statement.
                using var activity = BackgroundTracing.StartWork($"apply migrations of {contextName}");
                var started = time.GetTimestamp();
                await using var scope = scopeFactory.CreateAsyncScope();
                var context = scope.ServiceProvider.GetRequiredService<TContext>();
                context.Database.SetCommandTimeout(DatabaseBudget.LongCommandTimeout);
                // EF finds out whether the history table exists by reading it, and logs the failed read on an empty database as
                // an error (twice: pending migrations, then MigrateAsync): a first start looked broken. Ask PostgreSQL's catalog,
                // and create the table before migrating.
                // A cluster's PostgreSQL starts with only its default database (Aspire's run mode creates ours): create it first, as
                // MigrateAsync would, since the catalog query below needs a database to ask.
                var creator = context.GetService<IRelationalDatabaseCreator>();
                if (!await creator.ExistsAsync(stoppingToken))
                {
                    await creator.CreateAsync(stoppingToken);
                }
                if (!await HistoryTableExistsAsync(context, stoppingToken))
                {
                    await context.Database.ExecuteSqlRawAsync(context.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), stoppingToken);
                    await context.Database.MigrateAsync(stoppingToken);
                }
                // Most starts have nothing to apply. Asking first reads the history table only; MigrateAsync would also take the
                // migrations lock and compare the whole model with the last migration's snapshot, which kept a warm start's service
                // unready for 0.5-1 s of CPU.
                else if ((await context.Database.GetPendingMigrationsAsync(stoppingToken)).Any())
                {
                    await context.Database.MigrateAsync(stoppingToken);
                }
                state.MarkApplied();
                LogApplied(logger, contextName, time.GetElapsedTime(started).TotalMilliseconds);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Exception messages of Npgsql name host and port, never the password.
                LogRetrying(logger, contextName, attempt, delay.TotalSeconds, exception.GetType().Name, exception.Message);
                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    private static async Task<bool> HistoryTableExistsAsync(TContext context, CancellationToken cancellationToken)
    {
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT to_regclass('\"{HistoryRepository.DefaultTableName}\"') IS NOT NULL";
            return await command.ExecuteScalarAsync(cancellationToken) is true;
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Applying migrations of {Context} (attempt {Attempt})")]
    private static partial void LogApplying(ILogger logger, string context, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrations of {Context} applied in {ElapsedMs:F0} ms")]
    private static partial void LogApplied(ILogger logger, string context, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database of {Context} not ready (attempt {Attempt}), retrying in {DelaySeconds} s: {ErrorType}: {ErrorMessage}")]
    private static partial void LogRetrying(ILogger logger, string context, int attempt, double delaySeconds, string errorType, string errorMessage);
}
