namespace RomApi.AnalyticsService.Data;

/// <summary>The analyticsdb database: raw events (monthly partitions), the hourly rollup, the ids of received events and the keys of counted views.</summary>
public sealed class AnalyticsDbContext(DbContextOptions<AnalyticsDbContext> options) : DbContext(options)
{
    public const string EventsTable = "analytics_events";
    public const string RollupTable = "analytics_hourly_rollups";
    public const string ReceivedIdsTable = "analytics_received_event_ids";
    public const string CountedViewsTable = "analytics_counted_views";

    public DbSet<AnalyticsEvent> Events => Set<AnalyticsEvent>();
    public DbSet<HourlyRollup> HourlyRollups => Set<HourlyRollup>();
    public DbSet<ReceivedEventId> ReceivedEventIds => Set<ReceivedEventId>();
    public DbSet<CountedView> CountedViews => Set<CountedView>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AnalyticsEvent>(analyticsEvent =>
        {
            // EF cannot declare a partitioned table: migration PartitionedEvents creates it (and its indexes) in SQL.
            analyticsEvent.ToTable(EventsTable, table => table.ExcludeFromMigrations());
            analyticsEvent.HasNoKey();
            analyticsEvent.Property(e => e.EventType).HasMaxLength(32);
            analyticsEvent.Property(e => e.UserAgent).HasMaxLength(EventLimits.UserAgentLength);
            analyticsEvent.Property(e => e.Referrer).HasMaxLength(EventLimits.ReferrerLength);
            analyticsEvent.Property(e => e.IpAddress).HasColumnType("inet");
            analyticsEvent.Property(e => e.Metadata).HasColumnType("jsonb");
        });

        modelBuilder.Entity<HourlyRollup>(rollup =>
        {
            rollup.ToTable(RollupTable);
            // Per-resource stats read one resource's hours in order.
            rollup.HasKey(r => new { r.ResourceId, r.BucketStart, r.EventType });
            rollup.Property(r => r.EventType).HasMaxLength(32);
            // Top lists read one event type over a window, all resources.
            rollup.HasIndex(r => new { r.EventType, r.BucketStart }).IncludeProperties(r => new { r.ResourceId, r.Count });
        });

        modelBuilder.Entity<ReceivedEventId>(received =>
        {
            received.ToTable(ReceivedIdsTable);
            received.HasKey(r => r.Id);
            received.HasIndex(r => r.ReceivedAt);
        });

        modelBuilder.Entity<CountedView>(view =>
        {
            view.ToTable(CountedViewsTable);
            view.HasKey(v => v.Key);
            view.HasIndex(v => v.WindowStart);
        });

        modelBuilder.UseSnakeCaseColumnNames();
    }
}
