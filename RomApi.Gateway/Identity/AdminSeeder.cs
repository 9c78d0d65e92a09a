using RomApi.Platform.Telemetry;

namespace RomApi.Gateway.Identity;

/// <summary>
/// Creates the first admin (Identity:Admin:Email with the AdminPassword of identity-secrets) once the migrations are in.
/// An existing account of that email is left as it is: the configuration seeds, it does not overwrite. The gateway reports
/// unready (health check "admin") until this is done, so whoever logs in as the admin once /health answers 200 succeeds.
/// </summary>
public sealed partial class AdminSeeder(
    IServiceScopeFactory scopes, MigrationState<IdentityDbContext> migrations, IOptions<IdentityOptions> options, TimeProvider time,
    ILogger<AdminSeeder> logger) : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);
    private volatile bool _done;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done ? HealthCheckResult.Healthy("First admin present.") : HealthCheckResult.Unhealthy("First admin not created yet."));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await SeedAsync(stoppingToken);
        _done = true;
    }

    private async Task SeedAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.AdminEmail) || string.IsNullOrEmpty(settings.AdminPassword))
        {
            LogNoAdmin(logger);
            return;
        }
        await migrations.WhenAppliedAsync(stoppingToken);
        var email = IdentityValidation.Normalize(settings.AdminEmail);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var activity = BackgroundTracing.StartWork("seed the first admin");
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
                if (await db.Users.AnyAsync(u => u.Email == email, stoppingToken))
                {
                    return;
                }
                db.Users.Add(new User
                {
                    Id = Guid.CreateVersion7(),
                    Email = email,
                    PasswordHash = PasswordHasher.Hash(settings.AdminPassword),
                    Name = "Administrator",
                    UserType = UserType.Admin,
                    Plan = UserPlan.Enterprise,
                    ApiQuota = settings.MonthlyQuotaByPlan.GetValueOrDefault("ENTERPRISE", 10_000_000),
                    PricingTier = "ENTERPRISE",
                    CreatedAt = time.GetUtcNow(),
                });
                await db.SaveChangesAsync(stoppingToken);
                LogSeeded(logger, email);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another replica seeded it at the same moment; the next look finds it.
            }
            catch (Npgsql.NpgsqlException exception) when (exception.IsTransient && !stoppingToken.IsCancellationRequested)
            {
                // PostgreSQL restarting right after the migrations: try again rather than end the seeding (and the readiness) for good.
                LogRetry(logger, exception.GetType().Name);
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "First admin account {Email} created")]
    private static partial void LogSeeded(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the first admin failed ({ErrorType}); retrying")]
    private static partial void LogRetry(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No first admin configured (Identity:Admin:Email and AdminPassword in identity-secrets)")]
    private static partial void LogNoAdmin(ILogger logger);
}
