using static RomApi.Tests.AnalyticsService.AnalyticsTestKit;

namespace RomApi.Tests.AnalyticsService;

/// <summary>
/// Retention on real PostgreSQL, run by the service's own partition maintenance (every second in this system). Ingestion refuses
/// events older than 30 days, so the old events are written here as the writer writes them: into a partition made by the
/// service's partition function, with their hourly rollup rows, in one transaction.
/// </summary>
public sealed class RetentionTests(DurabilityFixture system) : DurabilityTest(system)
{
    [Fact]
    public async Task Raw_partitions_past_retention_are_dropped_and_their_hourly_rollups_still_answer_stats()
    {
        var (owner, resource) = await Kit.NewOwnedResourceAsync();
        var thisMonth = new DateTimeOffset(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero);
        // Default retention keeps 13 months of raw events: 20 months back goes, 6 months back stays.
        var oldMonth = thisMonth.AddMonths(-20);
        var keptMonth = thisMonth.AddMonths(-6);
        var oldTimes = new[] { oldMonth.AddDays(9).AddHours(10.25), oldMonth.AddDays(9).AddHours(10.75), oldMonth.AddDays(9).AddHours(11.1) };
        var keptTimes = new[] { keptMonth.AddDays(3).AddHours(8), keptMonth.AddDays(3).AddHours(8.5) };

        var oldPartition = await WriteEventsAsync(resource, oldMonth, oldTimes);
        var keptPartition = await WriteEventsAsync(resource, keptMonth, keptTimes);

        await Eventually.UntilAsync(() => Kit.QueryAnalyticsDbAsync<string>("SELECT to_regclass(@name)::text", ("name", oldPartition)),
            name => name is null, TimeSpan.FromSeconds(60), $"retention to drop {oldPartition}");
        Assert.Equal(keptPartition, await Kit.QueryAnalyticsDbAsync<string>("SELECT to_regclass(@name)::text", ("name", keptPartition)));
        Assert.Equal(2, await Kit.StoredEventCountAsync(resource));
        // The rollup keeps the dropped month's counts: hours 10:00 (2) and 11:00 (1) of its tenth day.
        Assert.Equal(3, await Kit.QueryAnalyticsDbAsync<long>(
            "SELECT coalesce(sum(count), 0)::bigint FROM analytics_hourly_rollups WHERE resource_id = @r AND bucket_start >= @from AND bucket_start < @to",
            ("r", resource), ("from", oldMonth), ("to", oldMonth.AddMonths(1))));
        var stats = await Kit.StatsWhenAsync(resource, owner,
            $"interval=hour&from={Iso(oldMonth.AddDays(9).AddHours(9))}&to={Iso(oldMonth.AddDays(9).AddHours(12))}", _ => true);
        Assert.Equal([0L, 2L, 1L], stats["buckets"]!.AsArray().Select(b => b!["counts"]!["VIEW"]!.GetValue<long>()));
    }

    /// <summary>The month's partition (made as the service makes it), the events and their rollup rows, committed together.</summary>
    private async Task<string> WriteEventsAsync(Guid resource, DateTimeOffset month, DateTimeOffset[] times)
    {
        await using var dataSource = NpgsqlDataSource.Create((await Fixture.App.GetConnectionStringAsync("analyticsdb"))!);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var partition = new NpgsqlCommand("SELECT analytics_ensure_month_partition(@month)", connection);
        partition.Parameters.AddWithValue("month", month);
        var name = (string)(await partition.ExecuteScalarAsync())!;
        await using var events = new NpgsqlCommand("""
            INSERT INTO analytics_events (id, resource_id, event_type, created_at) SELECT gen_random_uuid(), @r, 'VIEW', unnest(@times);
            INSERT INTO analytics_hourly_rollups (resource_id, event_type, bucket_start, count)
            SELECT @r, 'VIEW', date_trunc('hour', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', count(*) FROM unnest(@times) AS t GROUP BY 3
            """, connection);
        events.Parameters.AddWithValue("r", resource);
        events.Parameters.AddWithValue("times", times);
        await events.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        Assert.Equal($"analytics_events_{month:yyyy_MM}", name);
        return name;
    }
}
