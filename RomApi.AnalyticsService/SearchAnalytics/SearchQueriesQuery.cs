namespace RomApi.AnalyticsService.SearchAnalytics;

/// <summary>SEARCH events grouped by normalised query text (raw events; index on event_type, created_at).</summary>
public sealed class SearchQueriesQuery(NpgsqlDataSource dataSource)
{
    // resultCount is read only when it is a JSON number, so one odd event cannot fail the query.
    private const string Sql = """
        WITH searches AS (
            SELECT regexp_replace(lower(btrim(metadata->>'query')), '\s+', ' ', 'g') AS query,
                   CASE WHEN jsonb_typeof(metadata->'resultCount') = 'number' THEN (metadata->>'resultCount')::numeric END AS result_count,
                   created_at
            FROM analytics_events
            WHERE event_type = 'SEARCH' AND created_at >= @from AND created_at < @to AND jsonb_typeof(metadata->'query') = 'string'
        )
        SELECT query, count(*), count(*) FILTER (WHERE result_count = 0), avg(result_count)::float8, max(created_at)
        FROM searches
        WHERE query <> ''
        GROUP BY query
        HAVING NOT @zeroOnly OR count(*) FILTER (WHERE result_count = 0) > 0
        ORDER BY CASE WHEN @zeroOnly THEN count(*) FILTER (WHERE result_count = 0) ELSE count(*) END DESC, query
        LIMIT @limit
        """;

    public async Task<IReadOnlyList<SearchQueryStatsDto>> RunAsync(DateTimeOffset from, DateTimeOffset to, int limit, bool zeroOnly, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("zeroOnly", zeroOnly);
        var rows = new List<SearchQueryStatsDto>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SearchQueryStatsDto(
                reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2),
                reader.IsDBNull(3) ? null : Math.Round(reader.GetDouble(3), 2),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return rows;
    }
}
