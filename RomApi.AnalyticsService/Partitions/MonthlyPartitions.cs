namespace RomApi.AnalyticsService.Partitions;

/// <summary>The monthly partitions of analytics_events (named analytics_events_YYYY_MM, UTC months).</summary>
public sealed partial class MonthlyPartitions(NpgsqlDataSource dataSource, ILogger<MonthlyPartitions> logger)
{
    private const string Prefix = "analytics_events_";

    public async Task EnsureMonthAsync(DateTimeOffset monthStart, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT analytics_ensure_month_partition(@month)");
        command.CommandTimeout = DatabaseBudget.LongCommandSeconds;
        command.Parameters.AddWithValue("month", monthStart.ToUniversalTime());
        var name = (string?)await command.ExecuteScalarAsync(cancellationToken);
        LogEnsured(logger, name ?? "?");
    }

    /// <summary>Every partition with the first day of its month.</summary>
    public async Task<IReadOnlyList<(string Name, DateTimeOffset Month)>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT child.relname FROM pg_inherits
            JOIN pg_class child ON child.oid = pg_inherits.inhrelid
            WHERE pg_inherits.inhparent = 'analytics_events'::regclass
            """);
        var partitions = new List<(string, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            if (name.StartsWith(Prefix, StringComparison.Ordinal) &&
                DateTime.TryParseExact(name[Prefix.Length..], "yyyy_MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var month))
            {
                partitions.Add((name, new DateTimeOffset(month, TimeSpan.Zero)));
            }
        }
        return partitions;
    }

    public async Task DropAsync(string name, CancellationToken cancellationToken)
    {
        // The name comes from the catalogue and matched analytics_events_YYYY_MM; quoted anyway.
        await using var command = dataSource.CreateCommand($"DROP TABLE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        command.CommandTimeout = DatabaseBudget.LongCommandSeconds;
        await command.ExecuteNonQueryAsync(cancellationToken);
        LogDropped(logger, name);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Partition {Name} is in place")]
    private static partial void LogEnsured(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: dropped raw event partition {Name} (the hourly rollup keeps its counts)")]
    private static partial void LogDropped(ILogger logger, string name);
}
