using NpgsqlTypes;

namespace RomApi.Storage.Postgres;

/// <summary>Writes the columns of one row, in the order of <see cref="BinaryCopyWriter{T}.Columns"/>.</summary>
public delegate Task CopyRowWriter<in T>(NpgsqlBinaryImporter importer, T row, CancellationToken cancellationToken);

/// <summary>
/// PostgreSQL binary COPY of many rows in one statement: a table, its columns, and how one row is written. Describe a table once
/// (a static readonly instance, with a static row writer) and use it for every batch; the caller's connection and transaction
/// decide what commits.
/// </summary>
public sealed class BinaryCopyWriter<T>(string table, IReadOnlyList<string> columns, CopyRowWriter<T> writeRow)
{
    private readonly string _columnList = string.Join(", ", columns);

    public string Table { get; } = table;

    public IReadOnlyList<string> Columns { get; } = columns;

    /// <summary>COPYs <paramref name="rows"/> into <see cref="Table"/>.</summary>
    public Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<T> rows, CancellationToken cancellationToken) =>
        WriteAsync(connection, Table, rows, null, cancellationToken);

    /// <summary>
    /// COPYs <paramref name="rows"/> into <paramref name="table"/>, which has these columns (a staging copy of <see cref="Table"/>, say);
    /// <paramref name="progress"/>, when given, hears of every <see cref="CopyProgress.Every"/> rows written.
    /// </summary>
    public async Task WriteAsync(
        NpgsqlConnection connection, string table, IReadOnlyList<T> rows, CopyProgress? progress, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({_columnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        // A COPY is long work (bulk import, event batches), not a request waiting on a single answer.
        importer.Timeout = DatabaseBudget.LongCommandTimeout;
        for (var i = 0; i < rows.Count; i++)
        {
            await importer.StartRowAsync(cancellationToken);
            await writeRow(importer, rows[i], cancellationToken);
            if (progress is { } report && (i + 1) % report.Every == 0)
            {
                report.Written(i + 1);
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }
}

/// <summary>Told how many rows a long COPY has written so far, every <paramref name="Every"/> rows.</summary>
public sealed record CopyProgress(int Every, Action<int> Written);

/// <summary>Writing values that may be absent: SQL NULL for null.</summary>
public static class BinaryImporterExtensions
{
    public static Task WriteOrNullAsync<T>(this NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : class =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);

    public static Task WriteOrNullAsync<T>(this NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } present ? importer.WriteAsync(present, type, cancellationToken) : importer.WriteNullAsync(cancellationToken);
}
