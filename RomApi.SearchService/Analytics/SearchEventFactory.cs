using RomApi.Contracts.Analytics;
using SearchEvent = RomApi.Contracts.Analytics.ServiceEvent<RomApi.Contracts.Analytics.SearchMetadata>;

namespace RomApi.SearchService.Analytics;

/// <summary>Builds the SEARCH event of one search: query, filters, result count and time taken (shared contract).</summary>
public static class SearchEventFactory
{
    private const int MaxHeaderLength = 512;

    public static SearchEvent Create(HttpContext context, SearchIndexQuery query, long resultCount, double tookMs, TimeProvider time)
    {
        var caller = context.GetPlatformIdentity();
        var filters = new Dictionary<string, string>();
        Add(filters, "categoryId", query.CategoryId?.ToString());
        Add(filters, "category", query.CategorySlugs?[0]);
        Add(filters, "city", query.City);
        Add(filters, "region", query.Region);
        Add(filters, "resourceType", query.ResourceType);
        Add(filters, "verified", query.Verified?.ToString().ToLowerInvariant());
        Add(filters, "plan", query.Plan);
        if (query.Geo is { } geo)
        {
            Add(filters, "lat", geo.Latitude.ToString(CultureInfo.InvariantCulture));
            Add(filters, "lon", geo.Longitude.ToString(CultureInfo.InvariantCulture));
            Add(filters, "radiusKm", geo.RadiusKm?.ToString(CultureInfo.InvariantCulture));
        }
        if (query.Sort != SearchSort.Relevance)
        {
            Add(filters, "sort", query.Sort.ToString().ToLowerInvariant());
        }
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString().Split(',', 2)[0].Trim();
        return new SearchEvent(
            Guid.CreateVersion7(),
            null,
            EventTypes.Search,
            caller.UserId,
            caller.ApiKeyId,
            Bounded(context.Request.Headers.UserAgent.ToString()),
            Bounded(forwarded.Length > 0 ? forwarded : context.Connection.RemoteIpAddress?.ToString()),
            null,
            new SearchMetadata(query.Text, filters, resultCount, tookMs),
            time.GetUtcNow());
    }

    private static void Add(Dictionary<string, string> filters, string name, string? value)
    {
        if (value is not null)
        {
            filters[name] = value;
        }
    }

    private static string? Bounded(string? value) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= MaxHeaderLength ? value : value[..MaxHeaderLength];
}
