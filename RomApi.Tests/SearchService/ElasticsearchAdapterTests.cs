using RomApi.SearchService.SearchIndex.Elasticsearch;

namespace RomApi.Tests.SearchService;

/// <summary>
/// The Elasticsearch adapter (Elastic.Clients.Elasticsearch 9.5.3) against recorded request/response pairs. No Elasticsearch server
/// runs here: the responses are written by hand, modelled on Elasticsearch 9 response shapes (typed_keys aggregation names such as
/// "sterms#city", hits.total {value, relation}, _bulk items with per-item status, acknowledged index and alias calls), and each
/// request the client sends is compared with the one Elasticsearch's documentation gives for the same intent.
/// </summary>
public sealed class ElasticsearchAdapterTests
{
    private const string Alias = "romapi-resources-replica-1";
    private static readonly Guid PharmacyId = new("0b6f1c2e-8a1d-4c55-9d53-2f1f5c7e9a01");
    private static readonly Guid CategoryId = new("5d1f0a7c-3b2e-4f8a-9c61-7e2d4b8a6c10");

    private static readonly SearchDocument Pharmacy = new(PharmacyId, "Pharmacie du Lac", "pharmacie-du-lac", "Pharmacie à Douala", "BUSINESS",
        CategoryId, "Pharmacie", "pharmacie", "Douala", "Littoral", 4.0511, 9.7679, true, "FREE", new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));

    private const string PharmacySource = """
        {"id":"__PharmacyId__","name":"Pharmacie du Lac","nameKey":"Pharmacie du Lac","slug":"pharmacie-du-lac","description":"Pharmacie à Douala","category":"Pharmacie","place":"Douala Littoral","categoryId":"__CategoryId__","categoryName":"Pharmacie","categorySlug":"pharmacie","city":"Douala","cityKey":"Douala","region":"Littoral","regionKey":"Littoral","resourceType":"BUSINESS","plan":"FREE","verified":true,"latitude":4.0511,"longitude":9.7679,"publishedAt":"2026-11-01T08:00:00+00:00","tieBreak":__TieBreak__,"location":{"lat":4.0511,"lon":9.7679}}
        """;

    private static string Fill(string recorded) => recorded
        .Replace("__PharmacySource__", PharmacySource.Trim())
        .Replace("__Alias__", Alias).Replace("__PharmacyId__", PharmacyId.ToString()).Replace("__CategoryId__", CategoryId.ToString())
        .Replace("__TieBreak__", LuceneDocuments.TieBreak(PharmacyId).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static (ElasticsearchSearchIndex Index, RecordedElasticsearch Recorded) Create()
    {
        var recorded = new RecordedElasticsearch();
        recorded.ExpectContaining("PUT", $"/_index_template/{Alias}", 200, """{"acknowledged":true}""",
            $"\"index_patterns\":\"{Alias}-*\"", "\"type\":\"elision\"", "\"language\":\"light_french\"", "\"language\":\"minimal_english\"",
            "\"type\":\"edge_ngram\"", "\"type\":\"geo_point\"", "\"normalizer\":\"romapi_folded\"", "\"words\":{\"analyzer\":\"romapi_words\",\"type\":\"text\"}");
        recorded.Expect("HEAD", $"/_alias/{Alias}", null, 404, "");
        recorded.Expect("PUT", $"/{Alias}-1", Fill("""{"aliases":{"__Alias__":{}}}"""), 200,
            Fill("""{"acknowledged":true,"shards_acknowledged":true,"index":"__Alias__-1"}"""));
        var client = ElasticsearchClients.Create(new Uri("http://elastic:secret@es.example:9200"), recorded);
        var index = new ElasticsearchSearchIndex(client, "Replica-1", CategorySynonyms.LoadEmbedded(), Options.Create(new SearchIndexOptions()));
        return (index, recorded);
    }

    private static string SearchResponse(long total, string hits, string aggregations) => Fill($$$$"""
        {"took":4,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
         "hits":{"total":{"value":{{{{total}}}},"relation":"eq"},"max_score":null,"hits":[{{{{hits}}}}]},
         "aggregations":{ {{{{aggregations}}}} }}
        """);

    private const string NoFacets = """
        "sterms#category":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]},"missing#category_missing":{"doc_count":0},
        "sterms#city":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]},"missing#city_missing":{"doc_count":0},
        "sterms#resourceType":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]},"missing#resourceType_missing":{"doc_count":0}
        """;

    private static string Aggs(int size) => $$$$"""
        "aggregations":{
          "category":{"terms":{"field":"categoryName","size":{{{{size}}}}}},"category_missing":{"missing":{"field":"categoryName"}},
          "city":{"terms":{"field":"city","size":{{{{size}}}}}},"city_missing":{"missing":{"field":"city"}},
          "resourceType":{"terms":{"field":"resourceType","size":{{{{size}}}}}},"resourceType_missing":{"missing":{"field":"resourceType"}}}
        """;

    /// <summary>One counted word: BM25 over the weighted fields, or (5+ letters) also typo matches on the unstemmed words.</summary>
    private static string Word(string word, int edits) => edits == 0
        ? $$$$"""{"multi_match":{"query":"{{{{word}}}}","type":"most_fields","fields":["name^4","category^2","description","place"]}}"""
        : $$$$"""
          {"bool":{"should":[
            {"multi_match":{"query":"{{{{word}}}}","type":"most_fields","fields":["name^4","category^2","description","place"]}},
            {"multi_match":{"query":"{{{{word}}}}","type":"most_fields","fields":["name.words^4","category.words^2"],"fuzziness":"{{{{edits}}}}",
              "prefix_length":1,"max_expansions":50,"fuzzy_transpositions":true,"fuzzy_rewrite":"top_terms_boost_50","boost":0.3}}]}}
          """;

    [Fact]
    public async Task Applying_changes_sends_one_bulk_and_records_the_position_in_the_mapping_meta()
    {
        var (index, recorded) = Create();
        recorded.Expect("POST", $"/{Alias}/_bulk?refresh=wait_for", Fill("""
            {"index":{"_id":"__PharmacyId__"}}
            __PharmacySource__
            {"delete":{"_id":"00000000-0000-0000-0000-0000000000d1"}}
            """), 200, Fill("""
            {"errors":true,"took":30,"items":[
              {"index":{"_index":"__Alias__-1","_id":"__PharmacyId__","_version":1,"result":"created","_shards":{"total":1,"successful":1,"failed":0},"status":201,"_seq_no":0,"_primary_term":1}},
              {"delete":{"_index":"__Alias__-1","_id":"00000000-0000-0000-0000-0000000000d1","_version":1,"result":"not_found","_shards":{"total":1,"successful":1,"failed":0},"status":404,"_seq_no":1,"_primary_term":1}}]}
            """));
        recorded.Expect("PUT", $"/{Alias}/_mapping", """{"_meta":{"romapi_position":17}}""", 200, """{"acknowledged":true}""");
        recorded.Expect("GET", $"/{Alias}/_mapping", null, 200, Fill("""
            {"__Alias__-1":{"mappings":{"dynamic":"strict","_meta":{"romapi_position":17},"properties":{"id":{"type":"keyword"}}}}}
            """));

        await index.ApplyAsync([new UpsertDocument(Pharmacy), new RemoveDocument(new Guid("00000000-0000-0000-0000-0000000000d1"))], 17, moreToCome: false, CancellationToken.None);
        Assert.Equal(17, await index.ReadPositionAsync(CancellationToken.None));
        Assert.Equal(0, recorded.Remaining);
    }

    [Fact]
    public async Task A_bulk_item_refused_for_another_reason_than_not_found_fails_the_batch()
    {
        var (index, recorded) = Create();
        recorded.ExpectContaining("POST", $"/{Alias}/_bulk?refresh=wait_for", 200, Fill("""
            {"errors":true,"took":3,"items":[{"index":{"_index":"__Alias__-1","_id":"__PharmacyId__","status":400,
              "error":{"type":"document_parsing_exception","reason":"[1:2] failed to parse"}}}]}
            """), "\"index\":{\"_id\":");
        var error = await Assert.ThrowsAsync<SearchUnavailableException>(() => index.ApplyAsync([new UpsertDocument(Pharmacy)], 3, moreToCome: false, CancellationToken.None));
        Assert.Contains("document_parsing_exception", error.Message);
        Assert.Equal(0, recorded.Remaining); // the position was not recorded
    }

    [Fact]
    public async Task A_search_drops_question_words_filters_sorts_by_distance_and_counts_the_rest_of_each_facet()
    {
        var (index, recorded) = Create();
        recorded.Expect("POST", $"/{Alias}/_search?typed_keys=true", $$$$"""
            {"from":0,"size":10,"track_total_hits":true,
             "query":{"bool":{
               "filter":[{"term":{"cityKey":{"value":"Douala"}}},{"term":{"resourceType":{"value":"BUSINESS"}}},
                         {"geo_distance":{"distance":"5km","location":{"lat":4.04827,"lon":9.70428}}}],
               "must":[{"bool":{"must":[{"bool":{"minimum_should_match":1,"should":[{{{{Word("pharmacie", 2)}}}}]}}]}}]}},
             "sort":[{"_geo_distance":{"location":[{"lat":4.04827,"lon":9.70428}],"order":"asc","unit":"km","distance_type":"arc"}},{"tieBreak":{"order":"asc"}}],
             {{{{Aggs(2)}}}}}
            """, 200, SearchResponse(40,
            $$$$"""{"_index":"{{{{Alias}}}}-1","_id":"{{{{PharmacyId}}}}","_score":null,"_source":__PharmacySource__,"sort":[3.2,123]}""",
            """
            "sterms#category":{"doc_count_error_upper_bound":0,"sum_other_doc_count":3,"buckets":[{"key":"Pharmacie","doc_count":30},{"key":"Santé","doc_count":5}]},
            "missing#category_missing":{"doc_count":2},
            "sterms#city":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"Douala","doc_count":40}]},
            "missing#city_missing":{"doc_count":0},
            "sterms#resourceType":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"BUSINESS","doc_count":40}]},
            "missing#resourceType_missing":{"doc_count":0}
            """));

        var page = await index.SearchAsync(new SearchIndexQuery("Où est la pharmacie ?", 10, 0, SearchSort.Distance, City: "Douala", ResourceType: "BUSINESS",
            Geo: new GeoFilter(4.04827, 9.70428, 5), FacetSize: 2), CancellationToken.None);

        Assert.Equal(40, page.Total);
        var hit = Assert.Single(page.Hits);
        Assert.Equal(Pharmacy, hit.Document);
        Assert.Equal(7.064, hit.DistanceKm); // 0.063 6° of longitude east at 4° N (7.06 km) and 0.002 8° of latitude north (0.31 km)
        Assert.Equal([new FacetCount("Pharmacie", 30), new FacetCount("Santé", 5)], page.Facets.Category);
        Assert.Equal(new FacetsOther(5, 0, 0), page.Facets.Other); // sum_other_doc_count 3 + 2 without a category
        Assert.Equal(0, recorded.Remaining);
    }

    [Fact]
    public async Task Few_results_ask_again_needing_one_word_with_the_strict_matches_ranked_first()
    {
        var (index, recorded) = Create();
        var words = $"{Word("pharmacie", 2)},{Word("lac", 0)},{Word("bonanjo", 1)}";
        var phrases = """
            {"match_phrase":{"name":{"boost":2,"query":"pharmacie lac","slop":3}}},{"match_phrase":{"description":{"boost":1,"query":"pharmacie lac","slop":3}}},
            {"match_phrase":{"name":{"boost":2,"query":"lac bonanjo","slop":3}}},{"match_phrase":{"description":{"boost":1,"query":"lac bonanjo","slop":3}}}
            """;
        recorded.Expect("POST", $"/{Alias}/_search?typed_keys=true", $$$$"""
            {"from":0,"size":20,"track_total_hits":true,
             "query":{"bool":{"must":[{"bool":{
               "must":[{"bool":{"minimum_should_match":2,"should":[{{{{words}}}}]}}],
               "should":[{{{{phrases}}}}]}}]}},
             "sort":[{"_score":{"order":"desc"}},{"tieBreak":{"order":"asc"}}],
             {{{{Aggs(20)}}}}}
            """, 200, SearchResponse(0, "", NoFacets));
        recorded.Expect("POST", $"/{Alias}/_search?typed_keys=true", $$$$"""
            {"from":0,"size":20,"track_total_hits":true,
             "query":{"bool":{"must":[{"bool":{
               "must":[{"bool":{"minimum_should_match":1,"should":[{{{{words}}}}]}}],
               "should":[{{{{phrases}}}},
                 {"constant_score":{"boost":100,"filter":{"bool":{"minimum_should_match":2,"should":[{{{{words}}}}]}} }} ]}}]}},
             "sort":[{"_score":{"order":"desc"}},{"tieBreak":{"order":"asc"}}],
             {{{{Aggs(20)}}}}}
            """, 200, SearchResponse(1, $$$$"""{"_index":"{{{{Alias}}}}-1","_id":"{{{{PharmacyId}}}}","_score":5.1,"_source":__PharmacySource__}""", NoFacets));

        var page = await index.SearchAsync(new SearchIndexQuery("pharmacie du lac à Bonanjo", 20, 0), CancellationToken.None);

        Assert.Equal(1, page.Total);
        Assert.Equal(5.1f, Assert.Single(page.Hits).Score);
        Assert.Equal(0, recorded.Remaining);
    }

    [Fact]
    public async Task A_category_filter_matches_the_category_and_its_sub_categories_with_a_terms_query()
    {
        var (index, recorded) = Create();
        recorded.Expect("POST", $"/{Alias}/_search?typed_keys=true", $$$$"""
            {"from":0,"size":20,"track_total_hits":true,
             "query":{"bool":{"filter":[{"terms":{"categorySlug":["sante","pharmacie","clinique"]}}],"must":[{"match_all":{}}]}},
             "sort":[{"_score":{"order":"desc"}},{"tieBreak":{"order":"asc"}}],
             {{{{Aggs(20)}}}}}
            """, 200, SearchResponse(1, $$$$"""{"_index":"{{{{Alias}}}}-1","_id":"{{{{PharmacyId}}}}","_score":1.0,"_source":__PharmacySource__}""", NoFacets));

        var page = await index.SearchAsync(new SearchIndexQuery("", 20, 0, CategorySlugs: ["sante", "pharmacie", "clinique"]), CancellationToken.None);

        Assert.Equal(Pharmacy, Assert.Single(page.Hits).Document);
        Assert.Equal(0, recorded.Remaining);
    }

    [Fact]
    public async Task Suggestions_query_the_edge_ngram_field_with_a_folded_prefix_boost()
    {
        var (index, recorded) = Create();
        recorded.Expect("POST", $"/{Alias}/_search", """
            {"size":5,"_source":{"includes":["id","name","slug"]},"query":{"bool":{
              "must":[{"match":{"name.suggest":{"operator":"and","query":"Phàrm"}}}],
              "should":[{"prefix":{"nameKey":{"boost":4,"value":"pharm"}}}]}}}
            """, 200, Fill("""
            {"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
             "hits":{"total":{"value":1,"relation":"eq"},"max_score":3.2,"hits":[
              {"_index":"__Alias__-1","_id":"__PharmacyId__","_score":3.2,"_source":{"id":"__PharmacyId__","name":"Pharmacie du Lac","slug":"pharmacie-du-lac"}}]}}
            """));

        var suggestions = await index.SuggestAsync("Phàrm", 5, CancellationToken.None);

        Assert.Equal([new SuggestionHit(PharmacyId, "Pharmacie du Lac", "pharmacie-du-lac")], suggestions);
    }

    [Fact]
    public async Task A_rebuild_fills_the_next_index_refreshes_it_and_moves_the_alias_in_one_aliases_call()
    {
        var (index, recorded) = Create();
        recorded.Expect("GET", $"/_alias/{Alias}", null, 200, Fill("""{"__Alias__-1":{"aliases":{"__Alias__":{}}}}"""));
        recorded.Expect("PUT", $"/{Alias}-2", "{}", 200, Fill("""{"acknowledged":true,"shards_acknowledged":true,"index":"__Alias__-2"}"""));
        recorded.Expect("PUT", $"/{Alias}-2/_mapping", """{"_meta":{"romapi_position":0}}""", 200, """{"acknowledged":true}""");
        recorded.Expect("POST", $"/{Alias}-2/_refresh", null, 200, """{"_shards":{"total":1,"successful":1,"failed":0}}""");
        recorded.Expect("POST", "/_aliases", Fill("""
            {"actions":[{"add":{"alias":"__Alias__","index":"__Alias__-2"}},{"remove_index":{"index":"__Alias__-1"}}]}
            """), 200, """{"acknowledged":true,"errors":false}""");

        await using (var build = await index.BeginRebuildAsync(CancellationToken.None))
        {
            await build.ApplyAsync([], 0, CancellationToken.None);
            await build.SwapInAsync(CancellationToken.None);
        }
        Assert.Equal(0, recorded.Remaining);
    }

    [Fact]
    public async Task An_error_status_becomes_search_unavailable_without_the_credentials()
    {
        var (index, recorded) = Create();
        recorded.Expect("POST", $"/{Alias}/_count", "{}", 503, """
            {"error":{"root_cause":[{"type":"cluster_block_exception","reason":"blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];"}],
             "type":"cluster_block_exception","reason":"blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];"},"status":503}
            """);
        var error = await Assert.ThrowsAsync<SearchUnavailableException>(() => index.CountAsync(CancellationToken.None));
        Assert.Contains("503", error.Message);
        Assert.Contains("cluster_block_exception", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }
}
