using RomApi.SearchService.Analysis;
using RomApi.SearchService.SearchIndex;
using RomApi.SearchService.SearchIndex.Elasticsearch;

namespace RomApi.Tests.Search;

/// <summary>
/// The Elasticsearch 8 adapter against recorded request/response pairs written from Elasticsearch's documented formats
/// (index templates, _bulk NDJSON, _search with bool/multi_match/geo_distance/terms aggregations, _aliases).
/// </summary>
public sealed class ElasticsearchAdapterTests
{
    private const string Alias = "romapi-resources-replica-1";
    private static readonly Guid PharmacyId = new("0b6f1c2e-8a1d-4c55-9d53-2f1f5c7e9a01");
    private static readonly Guid CategoryId = new("5d1f0a7c-3b2e-4f8a-9c61-7e2d4b8a6c10");

    private static readonly SearchDocument Pharmacy = new(PharmacyId, "Pharmacie du Lac", "pharmacie-du-lac", "Pharmacie à Douala", "BUSINESS",
        CategoryId, "Pharmacie", "pharmacie", "Douala", "Littoral", 4.0511, 9.7679, true, "FREE", new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));

    private static string Fill(string recorded) => recorded
        .Replace("__Alias__", Alias).Replace("__PharmacyId__", PharmacyId.ToString()).Replace("__CategoryId__", CategoryId.ToString())
        .Replace("__TieBreak__", RomApi.SearchService.SearchIndex.Lucene.LuceneDocuments.TieBreak(PharmacyId).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static (ElasticsearchSearchIndex Index, RecordedElasticsearch Recorded) Create()
    {
        var recorded = new RecordedElasticsearch();
        recorded.ExpectContaining("PUT", $"/_index_template/{Alias}", 200, """{"acknowledged":true}""",
            $"\"index_patterns\":[\"{Alias}-*\"]", "\"type\":\"elision\"", "\"language\":\"light_french\"", "\"language\":\"minimal_english\"",
            "\"type\":\"edge_ngram\"", "\"type\":\"geo_point\"", "\"normalizer\":\"romapi_folded\"");
        recorded.Expect("HEAD", $"/_alias/{Alias}", null, 404, "");
        recorded.Expect("PUT", $"/{Alias}-1", Fill("""{"aliases":{"__Alias__":{}}}"""), 200,
            Fill("""{"acknowledged":true,"shards_acknowledged":true,"index":"__Alias__-1"}"""));
        var http = new HttpClient(recorded);
        return (new ElasticsearchSearchIndex(http, new Uri("http://elastic:secret@es.example:9200"), "Replica-1", CategorySynonyms.LoadEmbedded()), recorded);
    }

    [Fact]
    public async Task Applying_changes_sends_bulk_ndjson_and_records_the_position_in_the_mapping_meta()
    {
        var (index, recorded) = Create();
        var removed = new Guid("00000000-0000-0000-0000-0000000000d1");
        recorded.Expect("POST", $"/{Alias}/_bulk?refresh=wait_for", Fill("""
            {"index":{"_id":"__PharmacyId__"}}
            {"id":"__PharmacyId__","name":"Pharmacie du Lac","nameKey":"Pharmacie du Lac","slug":"pharmacie-du-lac","description":"Pharmacie à Douala","category":"Pharmacie","place":"Douala Littoral","categoryId":"__CategoryId__","categoryName":"Pharmacie","categorySlug":"pharmacie","city":"Douala","cityKey":"Douala","region":"Littoral","regionKey":"Littoral","resourceType":"BUSINESS","plan":"FREE","verified":true,"latitude":4.0511,"longitude":9.7679,"publishedAt":"2026-11-01T08:00:00.0000000+00:00","tieBreak":__TieBreak__,"location":{"lat":4.0511,"lon":9.7679}}
            {"delete":{"_id":"00000000-0000-0000-0000-0000000000d1"}}
            """), 200, Fill("""
            {"took":30,"errors":true,"items":[
              {"index":{"_index":"__Alias__-1","_id":"__PharmacyId__","_version":1,"result":"created","status":201,"_seq_no":0,"_primary_term":1}},
              {"delete":{"_index":"__Alias__-1","_id":"00000000-0000-0000-0000-0000000000d1","_version":1,"result":"not_found","status":404,"_seq_no":1,"_primary_term":1}}]}
            """));
        recorded.Expect("PUT", $"/{Alias}/_mapping", """{"_meta":{"romapi_position":17}}""", 200, """{"acknowledged":true}""");
        recorded.Expect("GET", $"/{Alias}/_mapping", null, 200, Fill("""
            {"__Alias__-1":{"mappings":{"_meta":{"romapi_position":17},"dynamic":"strict","properties":{}}}}
            """));

        await index.ApplyAsync([new UpsertDocument(Pharmacy), new RemoveDocument(removed)], 17, CancellationToken.None);
        Assert.Equal(17, await index.ReadPositionAsync(CancellationToken.None));
        Assert.Equal(0, recorded.Remaining);
    }

    [Fact]
    public async Task A_search_sends_bool_multi_match_geo_distance_and_terms_aggregations_and_reads_hits_and_facets()
    {
        var (index, recorded) = Create();
        recorded.Expect("POST", $"/{Alias}/_search", Fill("""
            {"from":0,"size":10,"track_total_hits":true,
             "query":{"bool":{
               "must":[{"bool":{"should":[
                 {"multi_match":{"query":"pharmacie","type":"cross_fields","fields":["name^4","category^2","description","place"],"operator":"and"}},
                 {"multi_match":{"query":"pharmacie","type":"best_fields","fields":["name^4","category^2","description","place"],"operator":"and","fuzziness":"AUTO:5,8","prefix_length":1,"boost":0.4}}],
                 "minimum_should_match":1}}],
               "filter":[{"term":{"cityKey":"Douala"}},{"term":{"resourceType":"BUSINESS"}},
                         {"geo_distance":{"distance":"5km","location":{"lat":4.04827,"lon":9.70428}}}]}},
             "sort":[{"_geo_distance":{"location":{"lat":4.04827,"lon":9.70428},"order":"asc","unit":"km","distance_type":"arc"}},{"tieBreak":"asc"}],
             "aggs":{"category":{"terms":{"field":"categoryName","size":100}},"city":{"terms":{"field":"city","size":100}},"resourceType":{"terms":{"field":"resourceType","size":100}}}}
            """), 200, Fill("""
            {"took":4,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
             "hits":{"total":{"value":2,"relation":"eq"},"max_score":null,"hits":[
               {"_index":"__Alias__-1","_id":"__PharmacyId__","_score":null,"_source":{"id":"__PharmacyId__","name":"Pharmacie du Lac","slug":"pharmacie-du-lac","description":"Pharmacie à Douala","categoryId":"__CategoryId__","categoryName":"Pharmacie","categorySlug":"pharmacie","city":"Douala","region":"Littoral","resourceType":"BUSINESS","plan":"FREE","verified":true,"latitude":4.0511,"longitude":9.7679,"publishedAt":"2026-11-01T08:00:00.0000000+00:00"},"sort":[7.0466,123]}]},
             "aggregations":{
               "category":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"Pharmacie","doc_count":2}]},
               "city":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"Douala","doc_count":2}]},
               "resourceType":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"BUSINESS","doc_count":2}]}}}
            """));

        var page = await index.SearchAsync(new SearchIndexQuery("pharmacie", 10, 0, SearchSort.Distance, City: "Douala", ResourceType: "BUSINESS",
            Geo: new GeoFilter(4.04827, 9.70428, 5)), CancellationToken.None);

        Assert.Equal(2, page.Total);
        var hit = Assert.Single(page.Hits);
        Assert.Equal(Pharmacy, hit.Document);
        Assert.Equal(Math.Round(RomApi.SearchService.Geo.Haversine.DistanceKm(4.04827, 9.70428, 4.0511, 9.7679), 3), hit.DistanceKm);
        Assert.Equal([new FacetCount("Pharmacie", 2)], page.Facets.Category);
        Assert.Equal([new FacetCount("BUSINESS", 2)], page.Facets.ResourceType);
        Assert.Equal(0, recorded.Remaining);
    }

    [Fact]
    public async Task A_category_filter_matches_the_category_and_its_sub_categories_with_a_terms_query()
    {
        var (index, recorded) = Create();
        recorded.Expect("POST", $"/{Alias}/_search", Fill("""
            {"from":0,"size":20,"track_total_hits":true,
             "query":{"bool":{"must":[{"match_all":{}}],"filter":[{"terms":{"categorySlug":["sante","pharmacie","clinique"]}}]}},
             "sort":["_score",{"tieBreak":"asc"}],
             "aggs":{"category":{"terms":{"field":"categoryName","size":100}},"city":{"terms":{"field":"city","size":100}},"resourceType":{"terms":{"field":"resourceType","size":100}}}}
            """), 200, Fill("""
            {"took":2,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
             "hits":{"total":{"value":1,"relation":"eq"},"max_score":1.0,"hits":[
               {"_index":"__Alias__-1","_id":"__PharmacyId__","_score":1.0,"_source":{"id":"__PharmacyId__","name":"Pharmacie du Lac","slug":"pharmacie-du-lac","description":"Pharmacie à Douala","categoryId":"__CategoryId__","categoryName":"Pharmacie","categorySlug":"pharmacie","city":"Douala","region":"Littoral","resourceType":"BUSINESS","plan":"FREE","verified":true,"latitude":4.0511,"longitude":9.7679,"publishedAt":"2026-11-01T08:00:00.0000000+00:00"},"sort":[1.0,123]}]},
             "aggregations":{
               "category":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"Pharmacie","doc_count":1}]},
               "city":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"Douala","doc_count":1}]},
               "resourceType":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"BUSINESS","doc_count":1}]}}}
            """));

        var page = await index.SearchAsync(new SearchIndexQuery("", 20, 0, CategorySlugs: ["sante", "pharmacie", "clinique"]), CancellationToken.None);

        Assert.Equal(Pharmacy, Assert.Single(page.Hits).Document);
        Assert.Equal(0, recorded.Remaining);
    }

    [Fact]
    public async Task Suggestions_query_the_edge_ngram_field_with_a_folded_prefix_boost()
    {
        var (index, recorded) = Create();
        recorded.Expect("POST", $"/{Alias}/_search", """
            {"size":5,"_source":["id","name","slug"],"query":{"bool":{
              "must":[{"match":{"name.suggest":{"query":"Phàrm","operator":"and"}}}],
              "should":[{"prefix":{"nameKey":{"value":"pharm","boost":4}}}]}}}
            """, 200, Fill("""
            {"took":1,"timed_out":false,"hits":{"total":{"value":1,"relation":"eq"},"max_score":3.2,"hits":[
              {"_index":"__Alias__-1","_id":"__PharmacyId__","_score":3.2,"_source":{"id":"__PharmacyId__","name":"Pharmacie du Lac","slug":"pharmacie-du-lac"}}]}}
            """));

        var suggestions = await index.SuggestAsync("Phàrm", 5, CancellationToken.None);

        Assert.Equal([new SuggestionHit(PharmacyId, "Pharmacie du Lac", "pharmacie-du-lac")], suggestions);
    }

    [Fact]
    public async Task A_rebuild_fills_the_next_index_and_moves_the_alias_in_one_aliases_call()
    {
        var (index, recorded) = Create();
        recorded.Expect("GET", $"/_alias/{Alias}", null, 200, Fill("""{"__Alias__-1":{"aliases":{"__Alias__":{}}}}"""));
        recorded.Expect("PUT", $"/{Alias}-2", "{}", 200, Fill("""{"acknowledged":true,"shards_acknowledged":true,"index":"__Alias__-2"}"""));
        recorded.Expect("PUT", $"/{Alias}-2/_mapping", """{"_meta":{"romapi_position":0}}""", 200, """{"acknowledged":true}""");
        recorded.Expect("POST", "/_aliases", Fill("""
            {"actions":[{"add":{"index":"__Alias__-2","alias":"__Alias__"}},{"remove_index":{"index":"__Alias__-1"}}]}
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
        recorded.Expect("GET", $"/{Alias}/_count", null, 503, """{"error":{"type":"cluster_block_exception"},"status":503}""");
        var error = await Assert.ThrowsAsync<SearchUnavailableException>(() => index.CountAsync(CancellationToken.None));
        Assert.DoesNotContain("secret", error.Message);
    }
}
