using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RomApi.Gateway.Identity.Data;
using RomApi.ServiceDefaults.Data;

namespace RomApi.Gateway.Identity;

/// <summary>
/// Creates the first admin (Identity:Admin:Email with the AdminPassword of identity-secrets) once the migrations are in.
/// An existing account of that email is left as it is: the configuration seeds, it does not overwrite.
/// </summary>
public sealed partial class AdminSeeder(
    IServiceScopeFactory scopes, MigrationState<IdentityDbContext> migrations, IOptions<IdentityOptions> options, TimeProvider time,
    ILogger<AdminSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.AdminEmail) || string.IsNullOrEmpty(settings.AdminPassword))
        {
            LogNoAdmin(logger);
            return;
        }
        while (!migrations.IsApplied)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, stoppingToken);
        }
        var email = IdentityValidation.Normalize(settings.AdminEmail);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
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
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "First admin account {Email} created")]
    private static partial void LogSeeded(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No first admin configured (Identity:Admin:Email and AdminPassword in identity-secrets)")]
    private static partial void LogNoAdmin(ILogger logger);
}
