namespace RomApi.AnalyticsService.Usage;

/// <summary>
/// Requests of one user per UTC day and API key, from raw API_REQUEST events (index on user_id, created_at). The gateway folds alike
/// requests of one minute into one event with metadata.count; an event without a count stands for one request.
/// </summary>
public sealed class UsageQuery(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        SELECT date_bin('1 day', created_at, @from) AS day, api_key_id, sum(coalesce((metadata->>'count')::bigint, 1))::bigint
        FROM analytics_events
        WHERE user_id = @user AND event_type = 'API_REQUEST' AND created_at >= @from AND created_at < @to
        GROUP BY 1, 2
        """;

    public async Task<IReadOnlyList<UsageRow>> RunAsync(Guid userId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        var rows = new List<UsageRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new UsageRow(reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetInt64(2)));
        }
        return rows;
    }

    /// <summary>Every day of the range (zeros included), keys ordered by count.</summary>
    public static UsageDto Shape(Guid userId, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<UsageRow> rows)
    {
        var byDay = rows.ToLookup(r => r.Day.ToUniversalTime());
        var days = new List<UsageDayDto>();
        for (var day = from; day < to; day = day.AddDays(1))
        {
            var keys = byDay[day].Select(r => new KeyUsageDto(r.ApiKeyId, r.Count)).OrderByDescending(k => k.Count).ToList();
            days.Add(new UsageDayDto(DateOnly.FromDateTime(day.UtcDateTime), keys.Sum(k => k.Count), keys));
        }
        var totals = rows.GroupBy(r => r.ApiKeyId)
            .Select(g => new KeyUsageDto(g.Key, g.Sum(r => r.Count)))
            .OrderByDescending(k => k.Count).ThenBy(k => k.ApiKeyId)
            .ToList();
        return new UsageDto(userId, from, to, totals.Sum(k => k.Count), days, totals);
    }
}
