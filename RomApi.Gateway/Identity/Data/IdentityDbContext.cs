using Microsoft.EntityFrameworkCore;
using RomApi.ServiceDefaults.Data;

namespace RomApi.Gateway.Identity.Data;

/// <summary>The identitydb database, owned by the gateway. Only the users table so far.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            // Lower-casing on write is the application's job; the constraint keeps the unique index honest.
            user.ToTable("users", table => table.HasCheckConstraint("CK_users_email_lower_case", "email = lower(email)"));
            user.Property(u => u.Email).HasMaxLength(254);
            user.Property(u => u.PasswordHash).HasMaxLength(512);
            user.Property(u => u.Name).HasMaxLength(200);
            user.Property(u => u.UserType).HasMaxLength(16).HasConversion<UpperCaseEnumConverter<UserType>>();
            user.Property(u => u.Plan).HasMaxLength(16).HasConversion<UpperCaseEnumConverter<UserPlan>>();
            user.Property(u => u.PricingTier).HasMaxLength(32);
            user.HasIndex(u => u.Email).IsUnique();
        });

        modelBuilder.UseSnakeCaseColumnNames();
    }
}
