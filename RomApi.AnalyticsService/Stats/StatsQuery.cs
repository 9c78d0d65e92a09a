namespace RomApi.AnalyticsService.Stats;

/// <summary>Counts of one resource per bucket and event type, from the hourly rollup (never from raw events).</summary>
public sealed class StatsQuery(NpgsqlDataSource dataSource)
{
    // date_bin with the first bucket as origin: bucket edges in UTC whatever the session time zone.
    private const string Sql = """
        SELECT date_bin(@step, bucket_start, @from) AS bucket, event_type, sum(count)::bigint
        FROM analytics_hourly_rollups
        WHERE resource_id = @resource AND bucket_start >= @from AND bucket_start < @to
        GROUP BY 1, 2
        """;

    public async Task<IReadOnlyList<StatsRow>> RunAsync(Guid resourceId, DateTimeOffset from, DateTimeOffset to, StatsInterval interval, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("step", TimeRange.Step(interval));
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("resource", resourceId);
        var rows = new List<StatsRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StatsRow(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetInt64(2)));
        }
        return rows;
    }
}
