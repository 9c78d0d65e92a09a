using Microsoft.EntityFrameworkCore;
using RomApi.ServiceDefaults.Data;

namespace RomApi.AnalyticsService.Data;

/// <summary>The analyticsdb database. A plain events table for now; monthly partitions and rollups come later.</summary>
public sealed class AnalyticsDbContext(DbContextOptions<AnalyticsDbContext> options) : DbContext(options)
{
    public DbSet<AnalyticsEvent> Events => Set<AnalyticsEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AnalyticsEvent>(analyticsEvent =>
        {
            analyticsEvent.ToTable("analytics_events");
            analyticsEvent.Property(e => e.EventType).HasMaxLength(32);
            analyticsEvent.Property(e => e.Metadata).HasColumnType("jsonb");
            // Top lists scan by type and time; per-resource stats by resource and time.
            analyticsEvent.HasIndex(e => new { e.EventType, e.CreatedAt });
            analyticsEvent.HasIndex(e => new { e.ResourceId, e.CreatedAt });
        });

        modelBuilder.UseSnakeCaseColumnNames();
    }
}
