using Npgsql;
using NpgsqlTypes;
using RomApi.ResourceService.Data;

namespace RomApi.ResourceService.BulkImport;

/// <summary>Binary COPY of resources and change events, and set-based updates through a temporary table.</summary>
public static class BulkCopy
{
    private const string ResourceColumns =
        "id, external_id, user_id, name, slug, slug_base, description, resource_type, category_id, address_line1, address_line2, city, " +
        "region, postal_code, country, latitude, longitude, phone, email, website, status, plan, verified, meta_title, meta_description, " +
        "version, created_at, updated_at, published_at, deleted_at";

    public static async Task InsertResourcesAsync(NpgsqlConnection connection, string table, IReadOnlyList<ApiResource> rows,
        Action<int> progress, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({ResourceColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(r.Id, NpgsqlDbType.Uuid, cancellationToken);
            await Write(importer, r.ExternalId, NpgsqlDbType.Varchar, cancellationToken);
            await Write(importer, r.UserId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(r.Name, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(r.Slug, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(r.SlugBase, NpgsqlDbType.Varchar, cancellationToken);
            await Write(importer, r.Description, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(Upper(r.ResourceType), NpgsqlDbType.Varchar, cancellationToken);
            await Write(importer, r.CategoryId, NpgsqlDbType.Uuid, cancellationToken);
            await Write(importer, r.AddressLine1, NpgsqlDbType.Varchar, cancellationToken);
            await Write(importer, r.AddressLine2, NpgsqlDbType.Varchar, cancellationToken);
            await Write(importer, r.City, NpgsqlDbType.Varchar, cancellationToken);
            await Write(importer, r.Region, NpgsqlDbType.Varchar, cancellationToken);
            await Write(importer, r.PostalCode, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(r.Country, NpgsqlDbType.Varchar, cancellationToken);
            await Write(importer, r.Latitude, NpgsqlDbType.Double, cancellationToken);
            await Write(importer, r.Longitude, NpgsqlDbType.Double, cancellationToken);
            await Write(importer, r.Phone, NpgsqlDbType.Varchar, cancellationToken);
            await Write(importer, r.Email, NpgsqlDbType.Varchar, cancellationToken);
            await Write(importer, r.Website, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(Upper(r.Status), NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(Upper(r.Plan), NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(r.Verified, NpgsqlDbType.Boolean, cancellationToken);
            await Write(importer, r.MetaTitle, NpgsqlDbType.Varchar, cancellationToken);
            await Write(importer, r.MetaDescription, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(r.Version, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(r.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(r.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await Write(importer, r.PublishedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await Write(importer, r.DeletedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            if ((i + 1) % 2000 == 0)
            {
                progress(i + 1);
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>Rewrites every column of the given (existing) resources in one statement, from a COPY into a temporary table.</summary>
    public static async Task UpdateResourcesAsync(NpgsqlConnection connection, IReadOnlyList<ApiResource> rows, Action<int> progress,
        CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE ingest_updates (LIKE api_resources INCLUDING DEFAULTS) ON COMMIT DROP", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await InsertResourcesAsync(connection, "ingest_updates", rows, progress, cancellationToken);
        var assignments = string.Join(", ", ResourceColumns.Split(", ").Where(c => c is not ("id" or "created_at")).Select(c => $"{c} = u.{c}"));
        await using var update = new NpgsqlCommand($"UPDATE api_resources a SET {assignments} FROM ingest_updates u WHERE a.id = u.id", connection);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> InsertChangesAsync(NpgsqlConnection connection, IReadOnlyList<ResourceChange> changes, CancellationToken cancellationToken)
    {
        await using (var importer = await connection.BeginBinaryImportAsync(
                         "COPY resource_changes (type, resource_id, occurred_at, resource) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var change in changes)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(Upper(change.Type), NpgsqlDbType.Varchar, cancellationToken);
                await importer.WriteAsync(change.ResourceId, NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(change.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await Write(importer, change.Resource, NpgsqlDbType.Json, cancellationToken);
            }
            await importer.CompleteAsync(cancellationToken);
        }
        await using var last = new NpgsqlCommand("SELECT coalesce(max(sequence), 0) FROM resource_changes", connection);
        return (long)(await last.ExecuteScalarAsync(cancellationToken))!;
    }

    private static Task Write<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : class =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);

    private static Task Write<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : struct =>
        value is { } present ? importer.WriteAsync(present, type, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    private static string Upper<T>(T value) where T : struct, Enum => value.ToString().ToUpperInvariant();
}
