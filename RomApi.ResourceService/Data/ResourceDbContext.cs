using Microsoft.EntityFrameworkCore;
using RomApi.ServiceDefaults.Data;

namespace RomApi.ResourceService.Data;

/// <summary>The resourcedb database: categories and API resources.</summary>
public sealed class ResourceDbContext(DbContextOptions<ResourceDbContext> options) : DbContext(options)
{
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<ApiResource> ApiResources => Set<ApiResource>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Category>(category =>
        {
            category.ToTable("categories");
            category.Property(c => c.Name).HasMaxLength(100);
            category.Property(c => c.Slug).HasMaxLength(120);
            category.Property(c => c.Icon).HasMaxLength(100);
            category.HasIndex(c => c.Slug).IsUnique();
            // A category in use cannot disappear from under its children.
            category.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ApiResource>(resource =>
        {
            resource.ToTable("api_resources");
            resource.Property(r => r.Name).HasMaxLength(200);
            resource.Property(r => r.Slug).HasMaxLength(220);
            resource.Property(r => r.ResourceType).HasMaxLength(16).HasConversion<UpperCaseEnumConverter<ResourceType>>();
            resource.Property(r => r.Status).HasMaxLength(16).HasConversion<UpperCaseEnumConverter<ResourceStatus>>();
            resource.Property(r => r.Plan).HasMaxLength(16).HasConversion<UpperCaseEnumConverter<ResourcePlan>>();
            resource.Property(r => r.City).HasMaxLength(100);
            resource.Property(r => r.Region).HasMaxLength(100);
            resource.Property(r => r.Country).HasMaxLength(2).HasDefaultValue("CM");
            resource.HasIndex(r => r.Slug).IsUnique();
            resource.HasIndex(r => r.CategoryId);
            // The public list: visible resources, newest first.
            resource.HasIndex(r => new { r.Status, r.CreatedAt }).HasFilter("deleted_at IS NULL");
            resource.HasOne(r => r.Category).WithMany().HasForeignKey(r => r.CategoryId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.UseSnakeCaseColumnNames();
    }
}
