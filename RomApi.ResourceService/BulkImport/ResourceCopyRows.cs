using NpgsqlTypes;
using ChangeColumn = RomApi.Storage.Postgres.CopyColumn<RomApi.ResourceService.Data.ResourceChange>;
using Column = RomApi.Storage.Postgres.CopyColumn<RomApi.ResourceService.Data.ApiResource>;

namespace RomApi.ResourceService.BulkImport;

/// <summary>The binary COPY shapes of the tables bulk import writes: every column of a resource, and an outbox row.</summary>
public static class ResourceCopyRows
{
    public static readonly BinaryCopyWriter<ApiResource> Resources = new(
        "api_resources",
        Column.Of("id", NpgsqlDbType.Uuid, r => r.Id),
        Column.Of("external_id", NpgsqlDbType.Varchar, r => r.ExternalId),
        Column.OrNull("user_id", NpgsqlDbType.Uuid, r => r.UserId),
        Column.Of("name", NpgsqlDbType.Varchar, r => r.Name),
        Column.Of("slug", NpgsqlDbType.Varchar, r => r.Slug),
        Column.Of("slug_base", NpgsqlDbType.Varchar, r => r.SlugBase),
        Column.Of("description", NpgsqlDbType.Text, r => r.Description),
        Column.Of("resource_type", NpgsqlDbType.Varchar, r => WireNames.Of(r.ResourceType)),
        Column.OrNull("category_id", NpgsqlDbType.Uuid, r => r.CategoryId),
        Column.Of("address_line1", NpgsqlDbType.Varchar, r => r.AddressLine1),
        Column.Of("address_line2", NpgsqlDbType.Varchar, r => r.AddressLine2),
        Column.Of("city", NpgsqlDbType.Varchar, r => r.City),
        Column.Of("region", NpgsqlDbType.Varchar, r => r.Region),
        Column.Of("postal_code", NpgsqlDbType.Varchar, r => r.PostalCode),
        Column.Of("country", NpgsqlDbType.Varchar, r => r.Country),
        Column.OrNull("latitude", NpgsqlDbType.Double, r => r.Latitude),
        Column.OrNull("longitude", NpgsqlDbType.Double, r => r.Longitude),
        Column.Of("phone", NpgsqlDbType.Varchar, r => r.Phone),
        Column.Of("email", NpgsqlDbType.Varchar, r => r.Email),
        Column.Of("website", NpgsqlDbType.Varchar, r => r.Website),
        Column.Of("status", NpgsqlDbType.Varchar, r => WireNames.Of(r.Status)),
        Column.Of("plan", NpgsqlDbType.Varchar, r => WireNames.Of(r.Plan)),
        Column.Of("verified", NpgsqlDbType.Boolean, r => r.Verified),
        Column.Of("meta_title", NpgsqlDbType.Varchar, r => r.MetaTitle),
        Column.Of("meta_description", NpgsqlDbType.Varchar, r => r.MetaDescription),
        Column.Of("version", NpgsqlDbType.Integer, r => r.Version),
        Column.Of("created_at", NpgsqlDbType.TimestampTz, r => r.CreatedAt),
        Column.Of("updated_at", NpgsqlDbType.TimestampTz, r => r.UpdatedAt),
        Column.OrNull("published_at", NpgsqlDbType.TimestampTz, r => r.PublishedAt),
        Column.OrNull("deleted_at", NpgsqlDbType.TimestampTz, r => r.DeletedAt));

    public static readonly BinaryCopyWriter<ResourceChange> Changes = new(
        "resource_changes",
        ChangeColumn.Of("type", NpgsqlDbType.Varchar, change => WireNames.Of(change.Type)),
        ChangeColumn.Of("resource_id", NpgsqlDbType.Uuid, change => change.ResourceId),
        ChangeColumn.Of("occurred_at", NpgsqlDbType.TimestampTz, change => change.OccurredAt),
        ChangeColumn.Of("resource", NpgsqlDbType.Json, change => change.Resource));
}
