using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.QueryDsl;

namespace RomApi.SearchService.SearchIndex.Elasticsearch;

/// <summary>
/// Search and suggest requests built from the same <see cref="QueryPlan"/> as the Lucene engine: one clause per counted word
/// (BM25 over name^4, category^2, description, place), minimum_should_match the plan's required count, match_phrase with slop for
/// neighbouring words, the strict tier as a constant_score bonus in a relaxed plan, and typo matches on the unstemmed ".words"
/// sub-fields scored by similarity only (top_terms_boost), at the Lucene engine's fraction of the field weight.
/// One difference, since Elasticsearch cannot see a word's document frequency before the query: every word of 5+ letters also
/// matches with typos here (Lucene: only words fewer than 3 resources hold); exact matches still outrank them.
/// </summary>
public static class ElasticsearchQueries
{
    public const string CategoryFacet = "category", CityFacet = "city", TypeFacet = "resourceType";
    public const string MissingSuffix = "_missing";

    private static readonly (string Facet, string Field)[] Facets = [(CategoryFacet, "categoryName"), (CityFacet, "city"), (TypeFacet, "resourceType")];

    public static SearchRequest Search(string index, QueryPlan plan, SearchIndexQuery q) => new(index)
    {
        From = q.Offset,
        Size = q.Limit,
        TrackTotalHits = new Elastic.Clients.Elasticsearch.Core.Search.TrackHits(true),
        Query = new BoolQuery
        {
            Must = [plan.MatchesEverything ? new MatchAllQuery() : Text(plan)],
            Should = plan.Place is { } place ? [Phrase("name", place.Words.Select(word => word.Folded), IndexFields.FullText[0].Boost)] : null,
            Filter = Filters(q, plan) is { Count: > 0 } filters ? filters : null,
        },
        Sort = Sort(q),
        Aggregations = Facets.SelectMany(facet => new[]
        {
            KeyValuePair.Create(facet.Facet, (Aggregation)new TermsAggregation { Field = facet.Field, Size = q.FacetSize }),
            // Terms' sum_other_doc_count leaves out resources without a value: counted apart, so buckets plus the rest equal the total.
            KeyValuePair.Create(facet.Facet + MissingSuffix, (Aggregation)new MissingAggregation { Field = facet.Field }),
        }).ToDictionary(),
    };

    public static SearchRequest Suggest(string index, string prefix, int limit) => new(index)
    {
        Size = limit,
        Source = new Elastic.Clients.Elasticsearch.Core.Search.SourceConfig(new Elastic.Clients.Elasticsearch.Core.Search.SourceFilter
        {
            Includes = new[] { "id", "name", "slug" },
        }),
        Query = new BoolQuery
        {
            Must = [new MatchQuery { Field = "name.suggest", Query = prefix, Operator = Operator.And }],
            Should = [new PrefixQuery { Field = "nameKey", Value = TextFolding.Fold(prefix), Boost = 4 }],
        },
    };

    private static Query Text(QueryPlan plan)
    {
        var should = new List<Query>();
        foreach (var (first, second) in plan.Pairs)
        {
            foreach (var (field, boost) in Proximity)
            {
                should.Add(new MatchPhraseQuery { Field = field, Query = $"{first.Folded} {second.Folded}", Slop = LuceneQueryBuilder.ProximitySlop, Boost = boost });
            }
        }
        if (plan.RankFirstWith is { } enough)
        {
            should.Add(new ConstantScoreQuery { Filter = Words(plan, enough), Boost = LuceneQueryBuilder.StrictTierBonus });
        }
        return new BoolQuery { Must = [Words(plan, plan.Required)], Should = should.Count > 0 ? should : null };
    }

    private static readonly (string Field, float Boost)[] Proximity = [("name", 2f), ("description", 1f)];

    private static BoolQuery Words(QueryPlan plan, int required) => new()
    {
        Should = plan.FreeWords.Select(Word).Concat(plan.Category is { } category ? [CategoryUnit(category)] : []).ToList(),
        MinimumShouldMatch = required,
    };

    /// <summary>The Lucene engine's category unit (LuceneQueryBuilder): its resources, or its words not inside a fixed expression.</summary>
    private static Query CategoryUnit(CategorySense category)
    {
        var typed = QueryVocabulary.Key(category.Words.Select(word => word.Stem));
        var text = new List<Query> { new BoolQuery { Must = category.Words.Select(Word).ToList() } };
        text.AddRange(category.Category.Phrases.Where(phrase => QueryVocabulary.Key(phrase) != typed)
            .Select(phrase => (Query)Phrase("name", phrase, IndexFields.FullText[0].Boost * LuceneQueryBuilder.CategoryPhraseWeight)));
        var mention = new BoolQuery
        {
            Must = [new BoolQuery { Should = text }],
            MustNot = category.Category.FixedExpressions.Count == 0 ? null : category.Category.FixedExpressions
                .SelectMany(expression => new[] { "name", "category", "description", "place" }.Select(field => (Query)Phrase(field, expression, 1f))).ToList(),
        };
        var unit = new List<Query> { mention };
        if (category.Category.IndexNames.Count > 0)
        {
            unit.Insert(0, new ConstantScoreQuery
            {
                Filter = new TermsQuery { Field = "categoryName", Terms = new TermsQueryField(category.Category.IndexNames.Select(FieldValue.String).ToArray()) },
                Boost = LuceneQueryBuilder.CategoryBonus,
            });
        }
        return new BoolQuery { Should = unit };
    }

    private static MatchPhraseQuery Phrase(string field, IEnumerable<string> words, float boost) =>
        new() { Field = field, Query = string.Join(' ', words), Slop = LuceneQueryBuilder.FixedExpressionSlop, Boost = boost };

    /// <summary>Resources in the place's cities or regions, or holding its words together in their name.</summary>
    private static BoolQuery PlaceScope(PlaceSense place)
    {
        var scope = new List<Query> { Phrase("name", place.Words.Select(word => word.Folded), 1f) };
        if (place.Place.CityKeys.Count > 0)
        {
            scope.Add(new TermsQuery { Field = "cityKey", Terms = new TermsQueryField(place.Place.CityKeys.Select(FieldValue.String).ToArray()) });
        }
        if (place.Place.RegionKeys.Count > 0)
        {
            scope.Add(new TermsQuery { Field = "regionKey", Terms = new TermsQueryField(place.Place.RegionKeys.Select(FieldValue.String).ToArray()) });
        }
        return new BoolQuery { Should = scope, MinimumShouldMatch = 1 };
    }

    private static Query Word(QueryWord word)
    {
        var exact = new MultiMatchQuery
        {
            Query = word.Folded,
            Type = TextQueryType.MostFields,
            Fields = new[] { "name^4", "category^2", "description", "place" },
        };
        var edits = QueryPlan.MaxEdits(word);
        if (edits == 0)
        {
            return exact;
        }
        var typos = new MultiMatchQuery
        {
            Query = word.Folded,
            Type = TextQueryType.MostFields,
            Fields = new[] { "name.words^4", "category.words^2" },
            Fuzziness = new Fuzziness(edits.ToString(CultureInfo.InvariantCulture)),
            PrefixLength = 1,
            MaxExpansions = LuceneQueryBuilder.FuzzyExpansions,
            FuzzyTranspositions = true,
            // Similarity only, not rarity: a rare misspelling in the index must not outrank the common word meant.
            FuzzyRewrite = $"top_terms_boost_{LuceneQueryBuilder.FuzzyExpansions}",
            Boost = LuceneQueryBuilder.FuzzyWeight,
        };
        return new BoolQuery { Should = [exact, typos] };
    }

    private static List<Query> Filters(SearchIndexQuery q, QueryPlan plan)
    {
        var filters = new List<Query>();
        if (plan.Place is { } place)
        {
            filters.Add(PlaceScope(place));
        }
        void Term(string field, string? value)
        {
            if (value is not null)
            {
                filters.Add(new TermQuery { Field = field, Value = value });
            }
        }
        Term("categoryId", q.CategoryId?.ToString());
        if (q.CategorySlugs is { Count: > 0 } slugs)
        {
            filters.Add(new TermsQuery { Field = "categorySlug", Terms = new TermsQueryField(slugs.Select(FieldValue.String).ToArray()) });
        }
        Term("cityKey", q.City);
        Term("regionKey", q.Region);
        Term("resourceType", q.ResourceType);
        if (q.Verified is { } verified)
        {
            filters.Add(new TermQuery { Field = "verified", Value = verified });
        }
        Term("plan", q.Plan);
        if (q.Geo is { RadiusKm: { } radius } geo)
        {
            filters.Add(new GeoDistanceQuery { Field = "location", Distance = $"{radius.ToString(CultureInfo.InvariantCulture)}km", Location = Point(geo) });
        }
        return filters;
    }

    private static List<SortOptions> Sort(SearchIndexQuery q)
    {
        var tieBreak = (SortOptions)new FieldSort { Field = "tieBreak", Order = SortOrder.Asc };
        return q.Sort switch
        {
            SearchSort.Distance =>
            [
                new GeoDistanceSort { Field = "location", Location = [Point(q.Geo!)], Order = SortOrder.Asc, Unit = DistanceUnit.Kilometers, DistanceType = GeoDistanceType.Arc },
                tieBreak,
            ],
            SearchSort.Newest => [new FieldSort { Field = "publishedAt", Order = SortOrder.Desc }, tieBreak],
            _ => [new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } }, tieBreak],
        };
    }

    private static GeoLocation Point(GeoFilter geo) => GeoLocation.LatitudeLongitude(new LatLonGeoLocation { Lat = geo.Latitude, Lon = geo.Longitude });
}
