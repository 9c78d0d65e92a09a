using System.Text.Json.Nodes;
using RomApi.SearchService.Analysis;
using RomApi.SearchService.SearchIndex.Lucene;

namespace RomApi.SearchService.SearchIndex.Elasticsearch;

/// <summary>
/// The Elasticsearch 8 request bodies (index template, bulk lines, search and suggest queries), built as JSON nodes
/// from the documented formats. The analysis mirrors the Lucene engine: elision, lower case, ASCII folding,
/// light_french and minimal_english stemmers; suggestions use an edge n-gram sub-field.
/// </summary>
public static class ElasticsearchRequests
{
    public const int FacetSize = SearchFacets.MaxSize;

    public static JsonObject IndexTemplate(string pattern) => new()
    {
        ["index_patterns"] = new JsonArray(pattern),
        ["template"] = new JsonObject
        {
            ["settings"] = new JsonObject
            {
                ["number_of_shards"] = 1,
                ["refresh_interval"] = "1s",
                ["analysis"] = new JsonObject
                {
                    ["filter"] = new JsonObject
                    {
                        ["romapi_elision"] = new JsonObject
                        {
                            ["type"] = "elision",
                            ["articles_case"] = true,
                            ["articles"] = new JsonArray(ResourceTextAnalyzer.ElidedArticles.Select(a => (JsonNode)a!).ToArray()),
                        },
                        ["romapi_french_stem"] = new JsonObject { ["type"] = "stemmer", ["language"] = "light_french" },
                        ["romapi_english_stem"] = new JsonObject { ["type"] = "stemmer", ["language"] = "minimal_english" },
                        ["romapi_edge"] = new JsonObject { ["type"] = "edge_ngram", ["min_gram"] = 1, ["max_gram"] = 20 },
                    },
                    ["analyzer"] = new JsonObject
                    {
                        ["romapi_text"] = Custom("romapi_elision", "lowercase", "asciifolding", "romapi_french_stem", "romapi_english_stem"),
                        ["romapi_suggest"] = Custom("lowercase", "asciifolding", "romapi_edge"),
                        ["romapi_folding"] = Custom("lowercase", "asciifolding"),
                    },
                    ["normalizer"] = new JsonObject
                    {
                        ["romapi_folded"] = new JsonObject { ["type"] = "custom", ["filter"] = new JsonArray("lowercase", "asciifolding") },
                    },
                },
            },
            ["mappings"] = new JsonObject
            {
                ["dynamic"] = "strict",
                ["properties"] = new JsonObject
                {
                    ["id"] = Keyword(),
                    ["name"] = new JsonObject
                    {
                        ["type"] = "text",
                        ["analyzer"] = "romapi_text",
                        ["fields"] = new JsonObject
                        {
                            ["suggest"] = new JsonObject { ["type"] = "text", ["analyzer"] = "romapi_suggest", ["search_analyzer"] = "romapi_folding" },
                        },
                    },
                    ["nameKey"] = Keyword("romapi_folded"),
                    ["slug"] = new JsonObject { ["type"] = "keyword", ["index"] = false },
                    ["description"] = Text(),
                    ["category"] = Text(),
                    ["place"] = Text(),
                    ["categoryId"] = Keyword(),
                    ["categoryName"] = Keyword(),
                    ["categorySlug"] = Keyword(),
                    ["city"] = Keyword(),
                    ["cityKey"] = Keyword("romapi_folded"),
                    ["region"] = Keyword(),
                    ["regionKey"] = Keyword("romapi_folded"),
                    ["resourceType"] = Keyword(),
                    ["plan"] = Keyword(),
                    ["verified"] = new JsonObject { ["type"] = "boolean" },
                    ["location"] = new JsonObject { ["type"] = "geo_point" },
                    ["latitude"] = new JsonObject { ["type"] = "double", ["index"] = false },
                    ["longitude"] = new JsonObject { ["type"] = "double", ["index"] = false },
                    ["publishedAt"] = new JsonObject { ["type"] = "date" },
                    ["tieBreak"] = new JsonObject { ["type"] = "long" },
                },
            },
        },
    };

    /// <summary>The _source of one resource; the category text carries its synonyms, as in the Lucene engine.</summary>
    public static JsonObject Source(SearchDocument d, CategorySynonyms synonyms)
    {
        var source = new JsonObject
        {
            ["id"] = d.Id.ToString(),
            ["name"] = d.Name,
            ["nameKey"] = d.Name,
            ["slug"] = d.Slug,
            ["description"] = d.Description,
            ["category"] = synonyms.CategoryText(d.CategoryName),
            ["place"] = $"{d.City} {d.Region}".Trim(),
            ["categoryId"] = d.CategoryId?.ToString(),
            ["categoryName"] = d.CategoryName,
            ["categorySlug"] = d.CategorySlug,
            ["city"] = d.City,
            ["cityKey"] = d.City,
            ["region"] = d.Region,
            ["regionKey"] = d.Region,
            ["resourceType"] = d.ResourceType,
            ["plan"] = d.Plan,
            ["verified"] = d.Verified,
            ["latitude"] = d.Latitude,
            ["longitude"] = d.Longitude,
            ["publishedAt"] = d.PublishedAt?.ToString("O"),
            ["tieBreak"] = LuceneDocuments.TieBreak(d.Id),
        };
        if (d.Latitude is { } lat && d.Longitude is { } lon)
        {
            source["location"] = new JsonObject { ["lat"] = lat, ["lon"] = lon };
        }
        return source;
    }

    public static JsonObject Search(SearchIndexQuery q)
    {
        var filters = new JsonArray();
        AddTerm(filters, "categoryId", q.CategoryId?.ToString());
        if (q.CategorySlugs is { Count: > 0 } slugs)
        {
            filters.Add(new JsonObject { ["terms"] = new JsonObject { ["categorySlug"] = new JsonArray(slugs.Select(s => (JsonNode)s!).ToArray()) } });
        }
        AddTerm(filters, "cityKey", q.City);
        AddTerm(filters, "regionKey", q.Region);
        AddTerm(filters, "resourceType", q.ResourceType);
        if (q.Verified is { } verified)
        {
            filters.Add(new JsonObject { ["term"] = new JsonObject { ["verified"] = verified } });
        }
        AddTerm(filters, "plan", q.Plan);
        if (q.Geo is { RadiusKm: { } radius } geo)
        {
            filters.Add(new JsonObject
            {
                ["geo_distance"] = new JsonObject { ["distance"] = $"{radius.ToString(System.Globalization.CultureInfo.InvariantCulture)}km", ["location"] = Point(geo) },
            });
        }
        var tieBreak = new JsonObject { ["tieBreak"] = "asc" };
        var sort = q.Sort switch
        {
            SearchSort.Distance => new JsonArray(new JsonObject
            {
                ["_geo_distance"] = new JsonObject { ["location"] = Point(q.Geo!), ["order"] = "asc", ["unit"] = "km", ["distance_type"] = "arc" },
            }, tieBreak),
            SearchSort.Newest => new JsonArray(new JsonObject { ["publishedAt"] = "desc" }, tieBreak),
            _ => new JsonArray("_score", tieBreak),
        };
        return new JsonObject
        {
            ["from"] = q.Offset,
            ["size"] = q.Limit,
            ["track_total_hits"] = true,
            ["query"] = new JsonObject { ["bool"] = new JsonObject { ["must"] = new JsonArray(TextQuery(q.Text)), ["filter"] = filters } },
            ["sort"] = sort,
            ["aggs"] = new JsonObject
            {
                ["category"] = Terms("categoryName"),
                ["city"] = Terms("city"),
                ["resourceType"] = Terms("resourceType"),
            },
        };
    }

    public static JsonObject Suggest(string prefix, int limit) => new()
    {
        ["size"] = limit,
        ["_source"] = new JsonArray("id", "name", "slug"),
        ["query"] = new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["must"] = new JsonArray(new JsonObject
                {
                    ["match"] = new JsonObject { ["name.suggest"] = new JsonObject { ["query"] = prefix, ["operator"] = "and" } },
                }),
                ["should"] = new JsonArray(new JsonObject
                {
                    ["prefix"] = new JsonObject { ["nameKey"] = new JsonObject { ["value"] = TextFolding.Fold(prefix), ["boost"] = 4 } },
                }),
            },
        },
    };

    /// <summary>Every word must match; exact words across fields, or fuzzy words (5+ letters) within one field.</summary>
    private static JsonObject TextQuery(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new JsonObject { ["match_all"] = new JsonObject() };
        }
        JsonArray Fields() => new("name^4", "category^2", "description", "place");
        return new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["should"] = new JsonArray(
                    new JsonObject
                    {
                        ["multi_match"] = new JsonObject { ["query"] = text, ["type"] = "cross_fields", ["fields"] = Fields(), ["operator"] = "and" },
                    },
                    new JsonObject
                    {
                        ["multi_match"] = new JsonObject
                        {
                            ["query"] = text, ["type"] = "best_fields", ["fields"] = Fields(), ["operator"] = "and",
                            ["fuzziness"] = "AUTO:5,8", ["prefix_length"] = 1, ["boost"] = 0.4,
                        },
                    }),
                ["minimum_should_match"] = 1,
            },
        };
    }

    private static JsonObject Custom(params string[] filters) => new()
    {
        ["type"] = "custom",
        ["tokenizer"] = "standard",
        ["filter"] = new JsonArray(filters.Select(f => (JsonNode)f!).ToArray()),
    };

    private static JsonObject Keyword(string? normalizer = null) =>
        normalizer is null ? new JsonObject { ["type"] = "keyword" } : new JsonObject { ["type"] = "keyword", ["normalizer"] = normalizer };

    private static JsonObject Text() => new() { ["type"] = "text", ["analyzer"] = "romapi_text" };

    private static JsonObject Terms(string field) => new() { ["terms"] = new JsonObject { ["field"] = field, ["size"] = FacetSize } };

    private static JsonObject Point(GeoFilter geo) => new() { ["lat"] = geo.Latitude, ["lon"] = geo.Longitude };

    private static void AddTerm(JsonArray filters, string field, string? value)
    {
        if (value is not null)
        {
            filters.Add(new JsonObject { ["term"] = new JsonObject { [field] = value } });
        }
    }
}
