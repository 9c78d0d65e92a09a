using Npgsql;

namespace RomApi.ResourceService.BulkImport;

/// <summary>The set-wise writes of a bulk import (never a statement per row), on the caller's connection and transaction.</summary>
public static class BulkCopy
{
    private const string StagingTable = "ingest_updates";
    private const int ProgressEvery = 2000;

    private static readonly string UpdateFromStaging =
        $"UPDATE api_resources a SET {string.Join(", ", ResourceCopyRows.Resources.Columns.Where(c => c is not ("id" or "created_at")).Select(c => $"{c} = u.{c}"))} " +
        $"FROM {StagingTable} u WHERE a.id = u.id";

    public static Task InsertResourcesAsync(NpgsqlConnection connection, IReadOnlyList<ApiResource> rows, Action<int> progress,
        CancellationToken cancellationToken) =>
        ResourceCopyRows.Resources.WriteAsync(connection, ResourceCopyRows.Resources.Table, rows, new CopyProgress(ProgressEvery, progress), cancellationToken);

    /// <summary>Rewrites every column of the given (existing) resources in one statement, from a COPY into a temporary table.</summary>
    public static async Task UpdateResourcesAsync(NpgsqlConnection connection, IReadOnlyList<ApiResource> rows, Action<int> progress,
        CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand($"CREATE TEMP TABLE {StagingTable} (LIKE api_resources INCLUDING DEFAULTS) ON COMMIT DROP", connection) { CommandTimeout = DatabaseBudget.LongCommandSeconds })
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await ResourceCopyRows.Resources.WriteAsync(connection, StagingTable, rows, new CopyProgress(ProgressEvery, progress), cancellationToken);
        await using var update = new NpgsqlCommand(UpdateFromStaging, connection) { CommandTimeout = DatabaseBudget.LongCommandSeconds };
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <returns>The sequence of the last change now in the outbox.</returns>
    public static async Task<long> InsertChangesAsync(NpgsqlConnection connection, IReadOnlyList<ResourceChange> changes, CancellationToken cancellationToken)
    {
        await ResourceCopyRows.Changes.WriteAsync(connection, changes, cancellationToken);
        await using var last = new NpgsqlCommand("SELECT coalesce(max(sequence), 0) FROM resource_changes", connection)
        {
            CommandTimeout = DatabaseBudget.LongCommandSeconds,
        };
        return (long)(await last.ExecuteScalarAsync(cancellationToken))!;
    }
}
