namespace RomApi.ResourceService.Data;

/// <summary>The resourcedb database: categories, API resources, their hours and images, and the change outbox.</summary>
public sealed class ResourceDbContext(DbContextOptions<ResourceDbContext> options) : DbContext(options)
{
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<ApiResource> ApiResources => Set<ApiResource>();
    public DbSet<BusinessHours> BusinessHours => Set<BusinessHours>();
    public DbSet<ResourceImage> ResourceImages => Set<ResourceImage>();
    public DbSet<ResourceChange> ResourceChanges => Set<ResourceChange>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");

        modelBuilder.Entity<Category>(category =>
        {
            category.ToTable("categories");
            category.Property(c => c.Name).HasMaxLength(FieldLimits.CategoryName);
            category.Property(c => c.Slug).HasMaxLength(FieldLimits.Slug);
            category.Property(c => c.Icon).HasMaxLength(FieldLimits.Icon);
            category.HasIndex(c => c.Slug).IsUnique();
            category.HasIndex(c => c.ParentId);
            // A category in use cannot disappear from under its children.
            category.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ApiResource>(resource =>
        {
            resource.ToTable("api_resources");
            resource.Ignore(r => r.IsPubliclyVisible);
            resource.Property(r => r.ExternalId).HasMaxLength(FieldLimits.ExternalId);
            resource.Property(r => r.Name).HasMaxLength(FieldLimits.Name);
            resource.Property(r => r.Slug).HasMaxLength(FieldLimits.Slug);
            resource.Property(r => r.SlugBase).HasMaxLength(FieldLimits.Slug);
            resource.Property(r => r.ResourceType).HasMaxLength(16).HasConversion<UpperCaseEnumConverter<ResourceType>>();
            resource.Property(r => r.Status).HasMaxLength(16).HasConversion<UpperCaseEnumConverter<ResourceStatus>>();
            resource.Property(r => r.Plan).HasMaxLength(16).HasConversion<UpperCaseEnumConverter<ResourcePlan>>();
            resource.Property(r => r.AddressLine1).HasMaxLength(FieldLimits.AddressLine);
            resource.Property(r => r.AddressLine2).HasMaxLength(FieldLimits.AddressLine);
            resource.Property(r => r.City).HasMaxLength(FieldLimits.Place);
            resource.Property(r => r.Region).HasMaxLength(FieldLimits.Place);
            resource.Property(r => r.PostalCode).HasMaxLength(FieldLimits.PostalCode);
            resource.Property(r => r.Country).HasMaxLength(2).HasDefaultValue(ApiResource.DefaultCountry);
            resource.Property(r => r.Phone).HasMaxLength(FieldLimits.Phone);
            resource.Property(r => r.Email).HasMaxLength(FieldLimits.Email);
            resource.Property(r => r.Website).HasMaxLength(FieldLimits.Url);
            resource.Property(r => r.MetaTitle).HasMaxLength(FieldLimits.MetaTitle);
            resource.Property(r => r.MetaDescription).HasMaxLength(FieldLimits.MetaDescription);
            resource.Property(r => r.Version).IsConcurrencyToken();

            resource.HasIndex(r => r.Slug).IsUnique();
            resource.HasIndex(r => r.SlugBase);
            resource.HasIndex(r => r.ExternalId).IsUnique().HasFilter("external_id IS NOT NULL AND deleted_at IS NULL");
            resource.HasIndex(r => r.CategoryId);
            resource.HasIndex(r => r.UserId);
            resource.HasIndex(r => new { r.Status, r.Plan });
            resource.HasIndex(r => r.CreatedAt).IsDescending();
            // The public list: visible resources, newest first.
            resource.HasIndex(r => new { r.Status, r.CreatedAt }).IsDescending(false, true).HasFilter("deleted_at IS NULL");
            resource.HasIndex(r => new { r.Latitude, r.Longitude });
            // Name look-ups by similarity or substring (ILIKE '%...%').
            resource.HasIndex(r => r.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_api_resources_name_trgm");

            resource.HasOne(r => r.Category).WithMany().HasForeignKey(r => r.CategoryId).OnDelete(DeleteBehavior.Restrict);
            resource.HasMany(r => r.Hours).WithOne().HasForeignKey(h => h.ResourceId).OnDelete(DeleteBehavior.Cascade);
            resource.HasMany(r => r.Images).WithOne().HasForeignKey(i => i.ResourceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<BusinessHours>(hours =>
        {
            hours.ToTable("business_hours");
            hours.HasIndex(h => new { h.ResourceId, h.DayOfWeek }).IsUnique();
        });

        modelBuilder.Entity<ResourceImage>(image =>
        {
            image.ToTable("resource_images");
            image.Property(i => i.Url).HasMaxLength(FieldLimits.Url);
            image.Property(i => i.AltText).HasMaxLength(FieldLimits.AltText);
            image.HasIndex(i => new { i.ResourceId, i.OrderIndex });
            image.HasIndex(i => i.ResourceId).IsUnique().HasFilter("is_primary").HasDatabaseName("ix_resource_images_one_primary");
        });

        modelBuilder.Entity<ResourceChange>(change =>
        {
            change.ToTable("resource_changes");
            change.HasKey(c => c.Sequence);
            change.Property(c => c.Sequence).UseIdentityAlwaysColumn();
            change.Property(c => c.Type).HasMaxLength(16).HasConversion<UpperCaseEnumConverter<ChangeType>>();
            // json, not jsonb: the snapshot is only stored and served back whole; jsonb would parse and re-encode each one on write.
            change.Property(c => c.Resource).HasColumnType("json");
            change.HasIndex(c => c.ResourceId);
        });

        modelBuilder.UseSnakeCaseColumnNames();
    }
}
