namespace RomApi.ResourceService.ApiResources;

/// <summary>The unique keys a written resource must not share with another: its requested slug, and its externalId among live rows.</summary>
public static class ResourceConflicts
{
    public static async Task<ErrorResult?> FindAsync(ResourceDbContext db, ResourceFields fields, Guid? self, CancellationToken cancellationToken)
    {
        if (fields.RequestedSlug is { } slug && await db.ApiResources.AnyAsync(r => r.Slug == slug && r.Id != self, cancellationToken))
        {
            return ApiErrors.Conflict($"The slug '{slug}' is taken.");
        }
        if (fields.ExternalId is { } externalId &&
            await db.ApiResources.AnyAsync(r => r.ExternalId == externalId && r.DeletedAt == null && r.Id != self, cancellationToken))
        {
            return ApiErrors.Conflict($"The externalId '{externalId}' is taken.");
        }
        return null;
    }
}
