using Npgsql;
using System.Diagnostics;
using System.Globalization;

namespace AnalyticsBench;

/// <summary>
/// 10M events over the last 30 days generated in SQL (generate_series) into the real partitioned table, the hourly rollup
/// built from them in SQL (the same counts the ingestion path keeps incrementally), then the 30-day daily stats of the
/// busiest resource: through the gateway, and in SQL over the rollup and over the raw events.
/// </summary>
public sealed class StatsBench(BenchSystem system, BenchSettings settings)
{
    // Resource k is 00000000-0000-4000-8000-<k in hex>; k = floor(random()^3 * 1000) gives resource 0 about 10 % of the events.
    private static readonly Guid Hot = Guid.Parse("00000000-0000-4000-8000-000000000000");
    private const int Chunk = 1_000_000;

    private const string RollupQuery = """
        SELECT date_bin('1 day', bucket_start, @from) AS bucket, event_type, sum(count)::bigint
        FROM analytics_hourly_rollups WHERE resource_id = @r AND bucket_start >= @from AND bucket_start < @to GROUP BY 1, 2
        """;

    private const string RawQuery = """
        SELECT date_bin('1 day', created_at, @from) AS bucket, event_type, count(*)
        FROM analytics_events WHERE resource_id = @r AND created_at >= @from AND created_at < @to GROUP BY 1, 2
        """;

    public async Task RunAsync()
    {
        await GenerateAsync();
        var owner = Guid.NewGuid();
        await system.CreateResourcesAsync([Hot], owner);
        var hotEvents = await system.ScalarAsync("SELECT count(*) FROM analytics_events WHERE resource_id = @r", ("r", Hot));
        var total = await system.ScalarAsync("SELECT count(*) FROM analytics_events");
        Console.WriteLine($"## 30-day daily stats of one resource: {total} events stored, {hotEvents} of them for the queried resource");

        var to = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(1);
        var from = to.AddDays(-30);
        var url = $"/api/v1/analytics/resources/{Hot}/stats?interval=day&from={from:yyyy-MM-ddTHH:mm:ssZ}&to={to:yyyy-MM-ddTHH:mm:ssZ}";
        using var http = system.Gateway();
        http.DefaultRequestHeaders.Authorization = new("Bearer", await system.AdminAccessTokenAsync());
        var http1 = await TimeAsync(500, 20, async () =>
        {
            using var response = await http.GetAsync(url);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        });
        Console.WriteLine($"HTTP GET through the gateway (admin access token, 30 daily buckets, sequential): {BenchSystem.Percentiles(http1)}");

        await using var connection = await system.AnalyticsDb.OpenConnectionAsync();
        var rollup = await TimeAsync(500, 20, () => QueryAsync(connection, RollupQuery, from, to));
        Console.WriteLine($"SQL over the hourly rollup: {BenchSystem.Percentiles(rollup)}");
        var raw = await TimeAsync(30, 3, () => QueryAsync(connection, RawQuery, from, to));
        Console.WriteLine($"SQL over the raw events (peer): {BenchSystem.Percentiles(raw)}");
        Console.WriteLine($"raw p95 / rollup p95 = {P95(raw) / P95(rollup):F0}x");
    }

    private async Task GenerateAsync()
    {
        var watch = Stopwatch.StartNew();
        for (long done = 0; done < settings.Rows; done += Chunk)
        {
            var rows = Math.Min(Chunk, settings.Rows - done);
            await system.ScalarAsync($$"""
                WITH inserted AS (
                    INSERT INTO analytics_events (id, resource_id, event_type, user_agent, ip_address, referrer, metadata, created_at)
                    SELECT gen_random_uuid(),
                           ('00000000-0000-4000-8000-' || lpad(to_hex(floor(power(random(), 3) * 1000)::int), 12, '0'))::uuid,
                           (ARRAY['VIEW','VIEW','VIEW','VIEW','CLICK','CLICK','CONTACT','SHARE'])[1 + floor(random() * 8)::int],
                           'Mozilla/5.0 (bench)', '198.51.100.0/24'::inet, 'https://example.cm/', '{"page":"detail"}'::jsonb,
                           now() - random() * interval '30 days'
                    FROM generate_series(1, {{rows.ToString(CultureInfo.InvariantCulture)}})
                    RETURNING 1)
                SELECT count(*) FROM inserted
                """);
            Console.WriteLine($"generated {done + rows} rows ({watch.Elapsed.TotalSeconds:F0} s)");
        }
        await system.ScalarAsync("""
            WITH added AS (
                INSERT INTO analytics_hourly_rollups (resource_id, event_type, bucket_start, count)
                SELECT resource_id, event_type, date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', count(*)
                FROM analytics_events WHERE resource_id::text LIKE '00000000-0000-4000-8000-%'
                GROUP BY 1, 2, 3
                ON CONFLICT (resource_id, bucket_start, event_type) DO UPDATE SET count = excluded.count
                RETURNING 1)
            SELECT count(*) FROM added
            """);
        await system.ScalarAsync("VACUUM ANALYZE analytics_events");
        await system.ScalarAsync("VACUUM ANALYZE analytics_hourly_rollups");
        Console.WriteLine($"generated {settings.Rows} events and their rollup in {watch.Elapsed.TotalSeconds:F0} s (SQL generate_series, not the ingestion path)");
    }

    private static async Task QueryAsync(NpgsqlConnection connection, string sql, DateTimeOffset from, DateTimeOffset to)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("r", Hot);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
    }

    private static async Task<List<double>> TimeAsync(int runs, int warmUp, Func<Task> action)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await action();
        }
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return times;
    }

    private static double P95(List<double> sorted) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(0.95 * sorted.Count) - 1)];
}
