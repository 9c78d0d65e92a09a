using RomApi.Contracts;
using RomApi.Contracts.Resources;
using Npgsql;
using NpgsqlTypes;
using RomApi.ResourceService.Data;
using RomApi.Storage.Postgres;

namespace RomApi.ResourceService.BulkImport;

/// <summary>The binary COPY shapes of the tables bulk import writes: every column of a resource, and an outbox row.</summary>
public static class ResourceCopyRows
{
    public static readonly BinaryCopyWriter<ApiResource> Resources = new(
        "api_resources",
        [
            "id", "external_id", "user_id", "name", "slug", "slug_base", "description", "resource_type", "category_id", "address_line1",
            "address_line2", "city", "region", "postal_code", "country", "latitude", "longitude", "phone", "email", "website", "status",
            "plan", "verified", "meta_title", "meta_description", "version", "created_at", "updated_at", "published_at", "deleted_at",
        ],
        WriteResourceAsync);

    public static readonly BinaryCopyWriter<ResourceChange> Changes = new(
        "resource_changes", ["type", "resource_id", "occurred_at", "resource"], WriteChangeAsync);

    private static async Task WriteResourceAsync(NpgsqlBinaryImporter importer, ApiResource r, CancellationToken cancellationToken)
    {
        await importer.WriteAsync(r.Id, NpgsqlDbType.Uuid, cancellationToken);
        await importer.WriteOrNullAsync(r.ExternalId, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteOrNullAsync(r.UserId, NpgsqlDbType.Uuid, cancellationToken);
        await importer.WriteAsync(r.Name, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteAsync(r.Slug, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteAsync(r.SlugBase, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteOrNullAsync(r.Description, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(WireNames.Of(r.ResourceType), NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteOrNullAsync(r.CategoryId, NpgsqlDbType.Uuid, cancellationToken);
        await importer.WriteOrNullAsync(r.AddressLine1, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteOrNullAsync(r.AddressLine2, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteOrNullAsync(r.City, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteOrNullAsync(r.Region, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteOrNullAsync(r.PostalCode, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteAsync(r.Country, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteOrNullAsync(r.Latitude, NpgsqlDbType.Double, cancellationToken);
        await importer.WriteOrNullAsync(r.Longitude, NpgsqlDbType.Double, cancellationToken);
        await importer.WriteOrNullAsync(r.Phone, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteOrNullAsync(r.Email, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteOrNullAsync(r.Website, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteAsync(WireNames.Of(r.Status), NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteAsync(WireNames.Of(r.Plan), NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteAsync(r.Verified, NpgsqlDbType.Boolean, cancellationToken);
        await importer.WriteOrNullAsync(r.MetaTitle, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteOrNullAsync(r.MetaDescription, NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteAsync(r.Version, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteAsync(r.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await importer.WriteAsync(r.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await importer.WriteOrNullAsync(r.PublishedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await importer.WriteOrNullAsync(r.DeletedAt, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    private static async Task WriteChangeAsync(NpgsqlBinaryImporter importer, ResourceChange change, CancellationToken cancellationToken)
    {
        await importer.WriteAsync(WireNames.Of(change.Type), NpgsqlDbType.Varchar, cancellationToken);
        await importer.WriteAsync(change.ResourceId, NpgsqlDbType.Uuid, cancellationToken);
        await importer.WriteAsync(change.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await importer.WriteOrNullAsync(change.Resource, NpgsqlDbType.Json, cancellationToken);
    }
}
