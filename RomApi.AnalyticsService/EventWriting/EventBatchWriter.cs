using RomApi.AnalyticsService.Partitions;
using Column = RomApi.Storage.Postgres.CopyColumn<RomApi.AnalyticsService.EventWriting.PendingEvent>;

namespace RomApi.AnalyticsService.EventWriting;

/// <summary>
/// Writes a batch in one transaction: remembers client-chosen ids (a retry already stored is skipped) and the keys of counted
/// views (a client's further VIEW of a resource in the same window is skipped), COPYs the new rows into the partitioned table,
/// and adds them to the hourly rollup. Either all of it commits or none of it.
/// </summary>
public sealed class EventBatchWriter(NpgsqlDataSource dataSource, MonthlyPartitions partitions, IOptions<IngestionOptions> options, TimeProvider time)
{
    private static readonly BinaryCopyWriter<PendingEvent> Events = new(
        "analytics_events",
        Column.Of("id", NpgsqlDbType.Uuid, row => row.Id),
        Column.OrNull("resource_id", NpgsqlDbType.Uuid, row => row.ResourceId),
        Column.Of("event_type", NpgsqlDbType.Varchar, row => row.EventType),
        Column.OrNull("user_id", NpgsqlDbType.Uuid, row => row.UserId),
        Column.OrNull("api_key_id", NpgsqlDbType.Uuid, row => row.ApiKeyId),
        Column.Of("user_agent", NpgsqlDbType.Varchar, row => row.UserAgent),
        Column.OrNull("ip_address", NpgsqlDbType.Inet, row => row.IpAddress),
        Column.Of("referrer", NpgsqlDbType.Varchar, row => row.Referrer),
        Column.Of("metadata", NpgsqlDbType.Jsonb, row => row.Metadata),
        Column.Of("created_at", NpgsqlDbType.TimestampTz, row => row.CreatedAt));

    private const string RememberIdsSql =
        "INSERT INTO analytics_received_event_ids (id, received_at) SELECT unnest(@ids), @now ON CONFLICT (id) DO NOTHING RETURNING id";

    private const string CountViewsSql = """
        INSERT INTO analytics_counted_views (key, window_start) SELECT * FROM unnest(@keys, @windows)
        ON CONFLICT (key) DO NOTHING RETURNING key
        """;

    // Keys sorted so that concurrent writers lock rollup rows in the same order (no deadlocks).
    private const string RollupSql = """
        INSERT INTO analytics_hourly_rollups (resource_id, event_type, bucket_start, count)
        SELECT * FROM unnest(@resources, @types, @hours, @counts) AS delta(resource_id, event_type, bucket_start, count)
        ORDER BY resource_id, bucket_start, event_type
        ON CONFLICT (resource_id, bucket_start, event_type) DO UPDATE SET count = analytics_hourly_rollups.count + excluded.count
        """;

    /// <returns>How many rows were stored, and how many were repeated views; the rest were retries of events already stored.</returns>
    public async Task<WriteOutcome> WriteAsync(IReadOnlyList<PendingEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteOnceAsync(events, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.CheckViolation &&
                                                  exception.MessageText.StartsWith("no partition", StringComparison.Ordinal))
        {
            // An event in a month whose partition is not there yet (e.g. just after a month change, before maintenance ran).
            foreach (var month in events.Select(e => HourBuckets.MonthStart(e.CreatedAt)).Distinct())
            {
                await partitions.EnsureMonthAsync(month, cancellationToken);
            }
            return await WriteOnceAsync(events, cancellationToken);
        }
    }

    private async Task<WriteOutcome> WriteOnceAsync(IReadOnlyList<PendingEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var fresh = await KeepNewAsync(connection, events, cancellationToken);
        var rows = await KeepFirstViewsAsync(connection, fresh, cancellationToken);
        if (rows.Count > 0)
        {
            await Events.WriteAsync(connection, rows, cancellationToken);
            await AddToRollupAsync(connection, rows, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new WriteOutcome(rows.Count, fresh.Count - rows.Count);
    }

    /// <summary>Events without a view key, plus each VIEW whose key (client, resource, window) was not counted before.</summary>
    private async Task<List<PendingEvent>> KeepFirstViewsAsync(NpgsqlConnection connection, List<PendingEvent> events, CancellationToken cancellationToken)
    {
        // Sorted, so that concurrent writers take the key locks in the same order (no deadlocks).
        var keyed = events.Where(e => e.ViewKey is not null).GroupBy(e => e.ViewKey!.Value).Select(g => g.First()).OrderBy(e => e.ViewKey).ToList();
        if (keyed.Count == 0)
        {
            return events;
        }
        var window = options.Value.ViewWindow;
        var counted = new HashSet<Guid>(keyed.Count);
        await using (var claim = new NpgsqlCommand(CountViewsSql, connection))
        {
            claim.Parameters.AddWithValue("keys", keyed.Select(e => e.ViewKey!.Value).ToArray());
            claim.Parameters.AddWithValue("windows", keyed.Select(e => ViewKeys.WindowStart(e.CreatedAt, window)).ToArray());
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                counted.Add(reader.GetGuid(0));
            }
        }
        // Remove on first sight, so a repeat inside the batch is skipped too.
        return events.Where(e => e.ViewKey is not { } key || counted.Remove(key)).ToList();
    }

    /// <summary>Events without a client id, plus the first occurrence of each client id not stored before.</summary>
    private async Task<List<PendingEvent>> KeepNewAsync(NpgsqlConnection connection, IReadOnlyList<PendingEvent> events, CancellationToken cancellationToken)
    {
        var clientIds = events.Where(e => e.IdFromClient).Select(e => e.Id).Distinct().ToArray();
        if (clientIds.Length == 0)
        {
            return events as List<PendingEvent> ?? [.. events];
        }

        var fresh = new HashSet<Guid>(clientIds.Length);
        await using (var remember = new NpgsqlCommand(RememberIdsSql, connection) { CommandTimeout = DatabaseBudget.LongCommandSeconds })
        {
            remember.Parameters.AddWithValue("ids", clientIds);
            remember.Parameters.AddWithValue("now", time.GetUtcNow());
            await using var reader = await remember.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                fresh.Add(reader.GetGuid(0));
            }
        }
        // Remove on first sight, so a duplicate inside the batch is skipped too.
        return events.Where(e => !e.IdFromClient || fresh.Remove(e.Id)).ToList();
    }

    private static async Task AddToRollupAsync(NpgsqlConnection connection, List<PendingEvent> rows, CancellationToken cancellationToken)
    {
        var deltas = rows
            .Where(r => r.ResourceId is not null)
            .GroupBy(r => (Resource: r.ResourceId!.Value, r.EventType, Hour: HourBuckets.Floor(r.CreatedAt)))
            .Select(g => (g.Key, Count: g.Sum(r => r.Count)))
            .ToList();
        if (deltas.Count == 0)
        {
            return;
        }
        await using var command = new NpgsqlCommand(RollupSql, connection) { CommandTimeout = DatabaseBudget.LongCommandSeconds };
        command.Parameters.AddWithValue("resources", deltas.Select(d => d.Key.Resource).ToArray());
        command.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = deltas.Select(d => d.Key.EventType).ToArray() });
        command.Parameters.AddWithValue("hours", deltas.Select(d => d.Key.Hour).ToArray());
        command.Parameters.AddWithValue("counts", deltas.Select(d => d.Count).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>What a batch write did: rows stored, and VIEWs skipped because their client's view of the window was already counted.</summary>
public readonly record struct WriteOutcome(int Stored, int RepeatedViews);
