using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RomApi.ServiceDefaults.Data;

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
                var started = time.GetTimestamp();
                await using var scope = scopeFactory.CreateAsyncScope();
                var context = scope.ServiceProvider.GetRequiredService<TContext>();
                context.Database.SetCommandTimeout(DatabaseBudget.LongCommandTimeout);
                // Most starts have nothing to apply. Asking first reads the history table only; MigrateAsync would also take the
                // migrations lock and compare the whole model with the last migration's snapshot, which kept a warm start's service
                // unready for 0.5-1 s of CPU.
                if ((await context.Database.GetPendingMigrationsAsync(stoppingToken)).Any())
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying migrations of {Context} (attempt {Attempt})")]
    private static partial void LogApplying(ILogger logger, string context, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrations of {Context} applied in {ElapsedMs:F0} ms")]
    private static partial void LogApplied(ILogger logger, string context, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database of {Context} not ready (attempt {Attempt}), retrying in {DelaySeconds} s: {ErrorType}: {ErrorMessage}")]
    private static partial void LogRetrying(ILogger logger, string context, int attempt, double delaySeconds, string errorType, string errorMessage);
}
