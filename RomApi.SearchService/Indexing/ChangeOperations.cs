using ChangeEvent = RomApi.Contracts.Changes.ChangeEvent<RomApi.Contracts.Resources.ApiResourceDto>;

namespace RomApi.SearchService.Indexing;

/// <summary>
/// Turns change events into index operations. Only ACTIVE, published resources are searchable: anything else
/// (deleted, suspended, back to pending) removes the resource, so every event is applied by its final view alone.
/// </summary>
public static class ChangeOperations
{
    public static IndexOperation ToOperation(ChangeEvent change) =>
        change.Resource is { } resource && ToDocument(resource) is { } document
            ? new UpsertDocument(document)
            : new RemoveDocument(change.ResourceId);

    /// <summary>The fields search keeps of a resource; null when it is not searchable.</summary>
    public static SearchDocument? ToDocument(ApiResourceDto resource) =>
        resource.IsPublic
            ? new SearchDocument(
                resource.Id,
                resource.Name,
                resource.Slug,
                resource.Description,
                WireNames.Of(resource.ResourceType),
                resource.CategoryId ?? resource.Category?.Id,
                resource.Category?.Name,
                resource.Category?.Slug,
                resource.Address.City,
                resource.Address.Region,
                resource.Address.Latitude,
                resource.Address.Longitude,
                resource.Verified,
                WireNames.Of(resource.Plan),
                resource.PublishedAt)
            : null;
}
