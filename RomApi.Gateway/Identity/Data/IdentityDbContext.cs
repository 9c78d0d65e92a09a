namespace RomApi.Gateway.Identity.Data;

/// <summary>The identitydb database, owned by the gateway: users, refresh tokens, API keys, failed logins.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<LoginFailure> LoginFailures => Set<LoginFailure>();

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

        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.ToTable("refresh_tokens");
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.FamilyId);
            token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApiKey>(key =>
        {
            key.ToTable("api_keys");
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.KeyPrefix).HasMaxLength(32);
            key.HasIndex(k => k.KeyPrefix).IsUnique();
            key.HasIndex(k => k.UserId);
            key.HasOne<User>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<LoginFailure>(failure =>
        {
            failure.ToTable("login_failures");
            failure.HasKey(f => new { f.AccountKey, f.Address });
            failure.Property(f => f.AccountKey).HasMaxLength(64);
            failure.Property(f => f.Address).HasMaxLength(64);
            failure.HasIndex(f => f.LastFailureAt);
        });

        modelBuilder.UseSnakeCaseColumnNames();
    }
}
