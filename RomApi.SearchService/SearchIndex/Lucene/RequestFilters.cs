using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;

namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>The request's exact-match filters and radius as Lucene clauses: they narrow the result without touching the score.</summary>
public static class RequestFilters
{
    public static void AddTo(BooleanQuery query, SearchIndexQuery request)
    {
        AddTerm(query, IndexFields.CategoryId, request.CategoryId?.ToString());
        AddAnyTerm(query, IndexFields.CategorySlug, request.CategorySlugs);
        AddTerm(query, IndexFields.CityKey, request.City is null ? null : TextFolding.Fold(request.City));
        AddTerm(query, IndexFields.RegionKey, request.Region is null ? null : TextFolding.Fold(request.Region));
        AddTerm(query, IndexFields.ResourceType, request.ResourceType);
        AddTerm(query, IndexFields.Verified, request.Verified is { } verified ? (verified ? "true" : "false") : null);
        AddTerm(query, IndexFields.Plan, request.Plan);
        // The bounding box only pays when nothing else narrows the search: with words, their matches are fewer than
        // the box's, and the collector's exact distance check on doc values is cheaper than intersecting numeric ranges.
        if (request.Geo is { RadiusKm: { } radiusKm } geo && string.IsNullOrWhiteSpace(request.Text))
        {
            var (minLat, maxLat, minLon, maxLon) = Haversine.BoundingBox(geo.Latitude, geo.Longitude, radiusKm);
            query.Add(NumericRangeQuery.NewDoubleRange(IndexFields.Latitude, minLat, maxLat, true, true), Occur.MUST);
            // Without longitude bounds (pole or antimeridian) any longitude qualifies; the exact distance check still runs.
            query.Add(NumericRangeQuery.NewDoubleRange(IndexFields.Longitude, minLon ?? -180, maxLon ?? 180, true, true), Occur.MUST);
        }
    }

    private static void AddTerm(BooleanQuery query, string field, string? value)
    {
        if (value is not null)
        {
            query.Add(new TermQuery(new Term(field, value)), Occur.MUST);
        }
    }

    private static void AddAnyTerm(BooleanQuery query, string field, IReadOnlyList<string>? values)
    {
        if (values is { Count: > 0 })
        {
            // A terms filter, not a BooleanQuery of terms: a large sub-tree cannot hit the 1024-clause limit.
            query.Add(new ConstantScoreQuery(new TermsFilter(values.Select(value => new Term(field, value)).ToList())), Occur.MUST);
        }
    }
}
