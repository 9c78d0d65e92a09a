using NpgsqlTypes;

namespace RomApi.Storage.Postgres;

/// <summary>
/// PostgreSQL binary COPY of many rows in one statement: a table and its columns, each named beside the value it writes. Describe
/// a table once (a static readonly instance) and use it for every batch; the caller's connection and transaction decide what commits.
/// </summary>
public sealed class BinaryCopyWriter<T>(string table, params IReadOnlyList<CopyColumn<T>> columns)
{
    private readonly string _columnList = string.Join(", ", columns.Select(column => column.Name));

    public string Table { get; } = table;

    public IReadOnlyList<string> Columns { get; } = [.. columns.Select(column => column.Name)];

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
            foreach (var column in columns)
            {
                await column.WriteAsync(importer, rows[i], cancellationToken);
            }
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

/// <summary>One column of a COPY: its name, its PostgreSQL type and how a row's value is read; a null value is SQL NULL.</summary>
public abstract class CopyColumn<TRow>(string name)
{
    public string Name { get; } = name;

    public abstract Task WriteAsync(NpgsqlBinaryImporter importer, TRow row, CancellationToken cancellationToken);

    /// <summary>A column whose value is a reference (null is NULL) or a value that is always present.</summary>
    public static CopyColumn<TRow> Of<TValue>(string name, NpgsqlDbType type, Func<TRow, TValue> read) =>
        new ValueColumn<TValue>(name, type, read);

    /// <summary>A column whose value may be absent (null is NULL).</summary>
    public static CopyColumn<TRow> OrNull<TValue>(string name, NpgsqlDbType type, Func<TRow, TValue?> read) where TValue : struct =>
        new OptionalColumn<TValue>(name, type, read);

    private sealed class ValueColumn<TValue>(string name, NpgsqlDbType type, Func<TRow, TValue> read) : CopyColumn<TRow>(name)
    {
        public override Task WriteAsync(NpgsqlBinaryImporter importer, TRow row, CancellationToken cancellationToken) =>
            read(row) is { } value ? importer.WriteAsync(value, type, cancellationToken) : importer.WriteNullAsync(cancellationToken);
    }

    private sealed class OptionalColumn<TValue>(string name, NpgsqlDbType type, Func<TRow, TValue?> read) : CopyColumn<TRow>(name)
        where TValue : struct
    {
        public override Task WriteAsync(NpgsqlBinaryImporter importer, TRow row, CancellationToken cancellationToken) =>
            read(row) is { } value ? importer.WriteAsync(value, type, cancellationToken) : importer.WriteNullAsync(cancellationToken);
    }
}
