namespace RomApi.SearchService.Search;

/// <summary>
/// The query string of GET /api/v1/search, taken as text and validated here, so every bad value gets a clear 400
/// naming the parameter (never a binding failure or a 500).
/// </summary>
public sealed record SearchParameters(
    string? Q, string? CategoryId, string? Category, string? City, string? Region, string? ResourceType, string? Verified,
    string? Plan, string? Lat, string? Lon, string? RadiusKm, string? Sort, string? Limit, string? Offset, string? FacetSize)
{
    private static readonly string[] ResourceTypes = ["BUSINESS", "SERVICE", "DATA", "API"];
    private static readonly string[] Plans = ["FREE", "PREMIUM", "FEATURED"];

    /// <summary>The validated query, or the message of the first bad parameter.</summary>
    public (SearchIndexQuery? Query, string? Error) Validate(SearchOptions bounds)
    {
        var text = Q ?? "";
        if (text.Length > bounds.MaxQueryLength)
        {
            return (null, $"q must be at most {bounds.MaxQueryLength} characters.");
        }
        if (!Int(Limit, bounds.DefaultLimit, out var limit) || limit < 1 || limit > bounds.MaxLimit)
        {
            return (null, $"limit must be an integer between 1 and {bounds.MaxLimit}.");
        }
        if (!Int(Offset, 0, out var offset) || offset < 0 || offset > bounds.MaxOffset)
        {
            return (null, $"offset must be an integer between 0 and {bounds.MaxOffset}.");
        }
        if (!Int(FacetSize, SearchFacets.DefaultSize, out var facetSize) || facetSize < 1 || facetSize > SearchFacets.MaxSize)
        {
            return (null, $"facetSize must be an integer between 1 and {SearchFacets.MaxSize}.");
        }
        Guid? categoryId = null;
        if (CategoryId is not null)
        {
            if (!Guid.TryParse(CategoryId, out var parsed))
            {
                return (null, "categoryId must be a UUID.");
            }
            categoryId = parsed;
        }
        var resourceType = ResourceType?.Trim().ToUpperInvariant();
        if (resourceType is not null && !ResourceTypes.Contains(resourceType))
        {
            return (null, $"resourceType must be one of {string.Join(", ", ResourceTypes)}.");
        }
        var plan = Plan?.Trim().ToUpperInvariant();
        if (plan is not null && !Plans.Contains(plan))
        {
            return (null, $"plan must be one of {string.Join(", ", Plans)}.");
        }
        bool? verified = null;
        if (Verified is not null)
        {
            if (!bool.TryParse(Verified, out var parsed))
            {
                return (null, "verified must be true or false.");
            }
            verified = parsed;
        }
        var (geo, geoError) = ValidateGeo(bounds);
        if (geoError is not null)
        {
            return (null, geoError);
        }
        SearchSort sort;
        switch (Sort?.Trim().ToLowerInvariant())
        {
            case null or "relevance": sort = SearchSort.Relevance; break;
            case "distance" when geo is not null: sort = SearchSort.Distance; break;
            case "distance": return (null, "sort=distance needs lat and lon.");
            case "newest": sort = SearchSort.Newest; break;
            default: return (null, "sort must be relevance, distance or newest.");
        }
        return (new SearchIndexQuery(text, limit, offset, sort, categoryId, Blank(Category) is { } slug ? [slug] : null, Blank(City), Blank(Region),
            resourceType, verified, plan, geo, facetSize), null);
    }

    private (GeoFilter? Geo, string? Error) ValidateGeo(SearchOptions bounds)
    {
        if (Lat is null && Lon is null)
        {
            return RadiusKm is null ? (null, null) : (null, "radiusKm needs lat and lon.");
        }
        if (Lat is null || Lon is null)
        {
            return (null, "lat and lon must be given together.");
        }
        if (!Double(Lat, out var lat) || lat is < -90 or > 90)
        {
            return (null, "lat must be a number between -90 and 90.");
        }
        if (!Double(Lon, out var lon) || lon is < -180 or > 180)
        {
            return (null, "lon must be a number between -180 and 180.");
        }
        double? radius = null;
        if (RadiusKm is not null)
        {
            if (!Double(RadiusKm, out var parsed) || parsed <= 0 || parsed > bounds.MaxRadiusKm)
            {
                return (null, $"radiusKm must be a number above 0 and at most {bounds.MaxRadiusKm.ToString(CultureInfo.InvariantCulture)}.");
            }
            radius = parsed;
        }
        return (new GeoFilter(lat, lon, radius), null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool Int(string? value, int fallback, out int result)
    {
        result = fallback;
        return value is null || int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
    }

    private static bool Double(string value, out double result) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out result) && double.IsFinite(result);
}
