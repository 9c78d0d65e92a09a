namespace RomApi.ResourceService.Caching;

/// <summary>
/// A resource as cached: its JSON (the API's view) plus what visibility checks need without parsing it.
/// A deleted resource is cached as a tombstone (<see cref="Json"/> empty), so a delete is never undone by a late cache fill.
/// </summary>
public sealed record CachedResource(int Version, ReadOnlyMemory<byte> Json, ResourceStatus Status, Guid? UserId, string Slug)
{
    public bool IsDeleted => Json.IsEmpty;

    public string ETag => ETags.For(Version);
}
