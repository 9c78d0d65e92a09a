using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RomApi.SearchService.Analytics;
using RomApi.ServiceDefaults.Envelopes;
using RomApi.ServiceDefaults.Errors;
using RomApi.OpenApi;
using RomApi.Contracts.Search;

namespace RomApi.SearchService.Search;

public static class SearchApi
{
    /// <summary>
    /// Search and suggestions; mapped inside the service's public group (<c>MapPublicApi(ServiceNames.SearchService)</c>), whose
    /// filter applies the shared route rule: searching is public, an API key needs search:read.
    /// </summary>
    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(SearchRoutes.Prefix).WithTags("Search");

        api.MapGet("", Search)
            .WithName("Search")
            .WithExamples(null, """{"success":true,"data":[{"id":"01a22630-d590-7228-887e-fd94d6f95121","name":"Pharmacie","slug":"pharmacie-3","description":"Pharmacie à Douala.","resourceType":"BUSINESS","category":{"id":"01a2262f-32d1-7a30-a31a-277ffbbbe46a","name":"Pharmacie","slug":"pharmacie"},"city":"Douala","region":"Littoral","latitude":4.0517203,"longitude":9.7030721,"verified":false,"plan":"FREE","score":5.564469,"distanceKm":0.404,"highlights":{"name":"<em>Pharmacie</em>","description":"<em>Pharmacie</em> à Douala."}}],"meta":{"total":16,"limit":1,"offset":0,"tookMs":2.16,"facets":{"category":[{"key":"Pharmacie","count":16}],"city":[{"key":"Douala","count":15},{"key":"Bonabéri","count":1}],"resourceType":[{"key":"BUSINESS","count":16}]}},"timestamp":"2026-11-29T07:28:07.4372858+00:00"}""")
            .WithSummary("Full-text search of ACTIVE, published resources.")
            .WithDescription("q up to 500 characters, analysed as plain words (quotes, '*', ':', brackets are not syntax); empty q lists everything. " +
                             "Accent and case insensitive, French elision, light French/English stemming, category synonyms, typos tolerated on words of 5+ letters that the index does not contain; " +
                             "Scoring is BM25 per field; name weighs more than category, more than description. " +
                             "French and English stop words and question words (le, de, qui, quel, combien, the, what...) never have to match, " +
                             "unless the query has no other word; of the remaining words a resource needs all when there are 1 or 2, all but one for 3 to 5, " +
                             "at least 60 % (rounded down) for more (Elasticsearch minimum_should_match '2<-1 5<60%'); when fewer than 10 resources qualify, " +
                             "resources holding any one of the words follow those that qualified (a paraphrased question still finds its answer). " +
                             "and neighbouring query words found close together (within 3 positions) in the name or description earn a bonus. " +
                             "Typos: a word of 5+ letters that fewer than 3 resources contain also matches names and categories with 1 edit (2 edits from 9 letters, " +
                             "a transposition of neighbours counting one), scored by similarity at a fraction of an exact match, so exact and stemmed matches rank above " +
                             "typo matches and fewer edits above more. " +
                             "Where and what: words naming a place the index holds (a city or region value of its resources, accent and case folded, several words allowed, " +
                             "gazetteer spellings such as French/English region names, a one-typo spelling of a one-word place the index does not otherwise hold) are the where, " +
                             "the rest the what. The where filters: resources in the place or whose name holds its words; when the what has nothing there the place is dropped " +
                             "and the what is answered from anywhere. meta.place {text, name, applied: filter|dropped} says so. " +
                             "Words of the what naming a category (one the index holds or an OpenStreetMap preset label, term or alias, presets of one feature grouped) " +
                             "are one unit: the category's resources satisfy it and rank first, then resources holding the words or another phrase of the category in their name. " +
                             "Inside a fixed expression of another category (words joined by function words, e.g. 'hôtel de ville') the words do not name it. " +
                             "meta.category {text, label, inResults} (inResults: results of that category, from the category facet; 0: none of that kind matched). " +
                             "Filters: categoryId (that category only), category (a slug; includes its sub-categories), city, region (accent and case insensitive), resourceType, verified, plan. " +
                             "lat and lon together give each hit distanceKm (haversine); radiusKm (0 < r <= 20000) keeps only hits within it. " +
                             "sort: relevance (default), distance (needs lat/lon), newest. limit 1..100 (default 20), offset 0..10000. " +
                             "meta.facets counts category, city and resourceType over the whole result set: at most facetSize buckets each (1..100, default 20), " +
                             "the largest first (ties by key); meta.facetsOther {category, city, resourceType} counts, per facet, the matching resources " +
                             "outside the listed buckets (those without a value included), so each facet's bucket counts plus its other equal meta.total. " +
                             "Each hit carries highlights {name?, description?} when the query's words occur there: HTML fragments (text HTML-encoded, " +
                             "matched words in <em>...</em>, a long description cut to about 200 characters around its first match with '…'); " +
                             "typo matches are not marked; no highlights for an empty q. " +
                             "Any bad value answers 400 naming the parameter; a request line above 64 KB is refused by the server with 414.");

        api.MapGet("/suggest", Suggest)
            .WithName("SearchSuggest")
            .WithSummary("Names completing a prefix (accent and case insensitive); q up to 100 characters, limit 1..20 (default 10); empty q answers [].");

        return api;
    }

    public static async Task<Results<Ok<ApiResponse<IReadOnlyList<SearchResultDto>>>, ErrorResult>> Search(
        [AsParameters] SearchParameters parameters,
        HttpContext context,
        ISearchIndex index,
        CategoryScopes categories,
        SearchResultsMemo results,
        IOptions<SearchOptions> options,
        SearchServiceMetrics metrics,
        SearchEventQueue searchEvents,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (query, error) = parameters.Validate(options.Value);
        if (query is null)
        {
            return ApiErrors.BadRequest(error!);
        }
        if (query.CategorySlugs is [var slug])
        {
            query = query with { CategorySlugs = await categories.WithDescendantsAsync(slug, cancellationToken) };
        }

        var started = time.GetTimestamp();
        SearchIndexPage page;
        try
        {
            page = await index.SearchAsync(query, cancellationToken);
        }
        catch (SearchUnavailableException exception)
        {
            return ApiErrors.ServiceUnavailable(exception.Message);
        }
        var tookMs = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 2);
        metrics.SearchCompleted("search", tookMs, page.Total);
        searchEvents.Enqueue(SearchEventFactory.Create(context, query, page.Total, tookMs, time));

        return ApiResults.Ok(results.For(page, query.Text), time, SearchMeta.From(page, query, tookMs));
    }

    public static async Task<Results<Ok<ApiResponse<IReadOnlyList<SuggestionDto>>>, ErrorResult>> Suggest(
        string? q,
        string? limit,
        ISearchIndex index,
        IOptions<SearchOptions> options,
        SearchServiceMetrics metrics,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var bounds = options.Value;
        var text = q ?? "";
        if (text.Length > bounds.MaxSuggestLength)
        {
            return ApiErrors.BadRequest($"q must be at most {bounds.MaxSuggestLength} characters.");
        }
        var take = bounds.DefaultSuggestLimit;
        if (limit is not null && (!int.TryParse(limit, out take) || take < 1 || take > bounds.MaxSuggestLimit))
        {
            return ApiErrors.BadRequest($"limit must be an integer between 1 and {bounds.MaxSuggestLimit}.");
        }
        var started = time.GetTimestamp();
        IReadOnlyList<SuggestionHit> hits;
        try
        {
            hits = string.IsNullOrWhiteSpace(text) ? [] : await index.SuggestAsync(text, take, cancellationToken);
        }
        catch (SearchUnavailableException exception)
        {
            return ApiErrors.ServiceUnavailable(exception.Message);
        }
        metrics.SearchCompleted("suggest", time.GetElapsedTime(started).TotalMilliseconds, hits.Count);
        return ApiResults.Ok<IReadOnlyList<SuggestionDto>>(hits.Select(hit => new SuggestionDto(hit.Id, hit.Name, hit.Slug)).ToList(), time);
    }
}
