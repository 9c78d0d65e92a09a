using RomApi.Contracts.Resources;

namespace RomApi.Gateway.ResponseCache;

/// <summary>What a write through the gateway invalidates: nothing, the list pages, one resource (and the list pages), or every copy.</summary>
public enum WriteScope { None, ListPages, Resource, Everything }

/// <summary>
/// Which requests the response cache concerns, read off the path and query string alone: the resource service's reads of one
/// resource by id or by slug (<see cref="ResourceRoutes.ApiResources"/><c>/{id}</c>, <c>/slug/{slug}</c>), pages of its list
/// (<see cref="ResourceRoutes.ApiResources"/><c>?...</c>), and the writes that change what they show.
/// </summary>
public static class CachePaths
{
    private const string Resources = ResourceRoutes.ApiResources + "/";
    private const string SlugPrefix = "slug/";

    /// <summary>
    /// The key of a read by id or slug (without a query string) or of a list page (its query string); any other read (a trailing
    /// slash, a sub-resource) is not cached.
    /// </summary>
    public static bool TryReadKey(PathString path, QueryString query, out CacheKey key)
    {
        key = default;
        var value = path.Value;
        if (value is null || !value.StartsWith(ResourceRoutes.ApiResources, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (value.Length == ResourceRoutes.ApiResources.Length)
        {
            key = CacheKey.ForList(query.Value ?? "");
            return true;
        }
        if (query.HasValue || value.Length <= Resources.Length || value[ResourceRoutes.ApiResources.Length] != '/')
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
    /// change many resources at once and empty the cache; a create can change only list pages (an admin's may be published).
    /// </summary>
    public static WriteScope ForWrite(PathString path, out Guid resourceId)
    {
        resourceId = Guid.Empty;
        var value = path.Value ?? "";
        if (value.StartsWith(ResourceRoutes.Categories, StringComparison.OrdinalIgnoreCase))
        {
            return WriteScope.Everything;
        }
        if (value.Equals(ResourceRoutes.ApiResources, StringComparison.OrdinalIgnoreCase))
        {
            return WriteScope.ListPages;
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
        return first.IsEmpty ? WriteScope.ListPages : WriteScope.Everything;
    }
}
