using RomApi.Contracts.Resources;

namespace RomApi.Gateway.ResponseCache;

/// <summary>What a write through the gateway invalidates: nothing, one resource, or every copy.</summary>
public enum WriteScope { None, Resource, Everything }

/// <summary>
/// Which requests the response cache concerns, read off the path alone: the resource service's reads of one resource by id or by
/// slug (<see cref="ResourceRoutes.ApiResources"/><c>/{id}</c>, <c>/slug/{slug}</c>), and the writes that change what they show.
/// </summary>
public static class CachePaths
{
    private const string Resources = ResourceRoutes.ApiResources + "/";
    private const string SlugPrefix = "slug/";

    /// <summary>The key of a read by id or slug; any other path (a trailing slash, a sub-resource) is not cached.</summary>
    public static bool TryReadKey(PathString path, out CacheKey key)
    {
        key = default;
        var value = path.Value;
        if (value is null || value.Length <= Resources.Length || !value.StartsWith(Resources, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var rest = value.AsSpan(Resources.Length);
        if (rest.StartsWith(SlugPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var slug = rest[SlugPrefix.Length..];
            if (slug.IsEmpty || slug.Contains('/'))
            {
                return false;
            }
            key = CacheKey.BySlug(slug.ToString());
            return true;
        }
        if (Guid.TryParse(rest, out var id))
        {
            key = CacheKey.ById(id);
            return true;
        }
        return false;
    }

    /// <summary>
    /// A write to one resource or its parts (hours, images, moderation) evicts that resource; category writes and bulk imports
    /// change many resources at once and empty the cache; any other write to the resources (a create) changes no cached copy.
    /// </summary>
    public static WriteScope ForWrite(PathString path, out Guid resourceId)
    {
        resourceId = Guid.Empty;
        var value = path.Value ?? "";
        if (value.StartsWith(ResourceRoutes.Categories, StringComparison.OrdinalIgnoreCase))
        {
            return WriteScope.Everything;
        }
        if (!value.StartsWith(Resources, StringComparison.OrdinalIgnoreCase))
        {
            return WriteScope.None;
        }
        var rest = value.AsSpan(Resources.Length);
        var end = rest.IndexOf('/');
        var first = end < 0 ? rest : rest[..end];
        if (Guid.TryParse(first, out resourceId))
        {
            return WriteScope.Resource;
        }
        return first.IsEmpty ? WriteScope.None : WriteScope.Everything;
    }
}
