using static RomApi.Tests.ResourceService.ResourceTestClient;

namespace RomApi.Tests.SearchService;

/// <summary>
/// The whole path: resources ingested and published through the gateway, carried by the change feed into the search
/// service's Lucene index, searched through the gateway.
/// </summary>
public sealed class SearchThroughGatewayTests(SystemFixture system) : ResourceTestBase(system)
{
    private static readonly TimeSpan IngestWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);
    private const double DoualaLat = 4.04827, DoualaLon = 9.70428;
    private static readonly string[] Cities = ["Douala", "Yaoundé", "Ngaoundéré"];
    private static readonly string[] Categories = ["Pharmacie", "Salon de coiffure", "Boutique", "Restaurant"];

    [Fact]
    public async Task Accents_stemming_typos_and_synonyms_find_the_shared_data()
    {
        await IngestAsync();
        Assert.Contains(await HitsAsync("/api/v1/search?q=yaounde&limit=100"), hit => hit.GetProperty("city").GetString() == "Yaoundé");
        Assert.Contains(await HitsAsync("/api/v1/search?q=ngaoundere&limit=100"), hit => hit.GetProperty("city").GetString() == "Ngaoundéré");
        var pharmacies = await HitsAsync("/api/v1/search?q=pharmacies&limit=20");
        Assert.NotEmpty(pharmacies);
        Assert.All(pharmacies, hit => Assert.Contains("pharmac", Text(hit), StringComparison.OrdinalIgnoreCase));
        var typo = await HitsAsync("/api/v1/search?q=pharmacei&limit=5");
        Assert.Equal("Pharmacie", typo[0].GetProperty("category").GetProperty("name").GetString());
        Assert.Contains(await HitsAsync("/api/v1/search?q=coiffeur&limit=100"), hit =>
            hit.GetProperty("category").GetProperty("name").GetString() == "Salon de coiffure" &&
            !hit.GetProperty("name").GetString()!.Contains("coiffeur", StringComparison.OrdinalIgnoreCase));
        // Issue 21: a transposition is one typo; a typo of a place the index holds is that place (a salon filed under another
        // category, found by its name: LuceneQuerySemanticsTests).
        var transposed = await HitsAsync("/api/v1/search?q=pharmacei&limit=5");
        Assert.StartsWith("pharmacie", transposed[0].GetProperty("name").GetString()!, StringComparison.OrdinalIgnoreCase);
        var misspelt = await HitsAsync("/api/v1/search?q=ngaoundree&limit=100");
        Assert.NotEmpty(misspelt);
        Assert.All(misspelt, hit => Assert.Equal("Ngaoundéré", hit.GetProperty("city").GetString()));
    }

    [Fact]
    public async Task A_place_in_the_text_is_where_and_meta_says_how_it_was_applied()
    {
        await IngestAsync();
        var body = await GetAsync("/api/v1/search?q=pharmacie%20douala&limit=20");
        var hits = body.GetProperty("data").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, hit => Assert.Equal("Douala", hit.GetProperty("city").GetString()));
        Assert.Equal("Pharmacie", hits[0].GetProperty("category").GetProperty("name").GetString());
        var meta = body.GetProperty("meta");
        Assert.Equal("Douala", meta.GetProperty("place").GetProperty("name").GetString());
        Assert.Equal("filter", meta.GetProperty("place").GetProperty("applied").GetString());
        Assert.Equal("Pharmacie", meta.GetProperty("category").GetProperty("label").GetString());

        // No hotel in Yaoundé (nor anywhere in these rows): the place is dropped, visibly, and no town hall or restaurant answers.
        var hotel = await GetAsync("/api/v1/search?q=hotel%20yaounde&limit=20");
        Assert.Equal("dropped", hotel.GetProperty("meta").GetProperty("place").GetProperty("applied").GetString());
        Assert.Equal(0, hotel.GetProperty("meta").GetProperty("category").GetProperty("inResults").GetInt64());
        Assert.DoesNotContain(hotel.GetProperty("data").EnumerateArray(), hit => hit.GetProperty("city").GetString() == "Yaoundé");
    }

    [Fact]
    public async Task A_radius_around_Douala_is_sorted_by_distance_and_facets_add_up()
    {
        await IngestAsync();
        var body = await GetAsync($"/api/v1/search?lat={DoualaLat}&lon={DoualaLon}&radiusKm=10&sort=distance&limit=50");
        var hits = body.GetProperty("data").EnumerateArray().ToList();
        Assert.True(hits.Count > 10);
        var distances = hits.Select(hit => hit.GetProperty("distanceKm").GetDouble()).ToList();
        Assert.Equal(distances.Order(), distances);
        Assert.All(distances, km => Assert.InRange(km, 0, 10));

        var meta = body.GetProperty("meta");
        var total = meta.GetProperty("total").GetInt64();
        Assert.True(total >= hits.Count);
        foreach (var facet in new[] { "category", "city", "resourceType" })
        {
            var buckets = meta.GetProperty("facets").GetProperty(facet).EnumerateArray().ToList();
            Assert.InRange(buckets.Count, 0, 20); // the documented default facetSize
            Assert.Equal(total, buckets.Sum(b => b.GetProperty("count").GetInt64()) + meta.GetProperty("facetsOther").GetProperty(facet).GetInt64());
        }

        // facetSize=1 keeps one bucket per facet; the rest moves to facetsOther.
        var one = (await GetAsync($"/api/v1/search?lat={DoualaLat}&lon={DoualaLon}&radiusKm=10&facetSize=1&limit=1")).GetProperty("meta");
        var city = Assert.Single(one.GetProperty("facets").GetProperty("city").EnumerateArray());
        Assert.Equal(total, city.GetProperty("count").GetInt64() + one.GetProperty("facetsOther").GetProperty("city").GetInt64());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("many")]
    public async Task A_bad_facet_size_is_a_400_naming_it(string facetSize)
    {
        using var client = Fixture.CreateGatewayClient();
        using var response = await client.GetAsync($"/api/v1/search?q=pharmacie&facetSize={facetSize}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ReadAsync(response)).GetProperty("error");
        Assert.Equal("BAD_REQUEST", error.GetProperty("code").GetString());
        Assert.Contains("facetSize", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Suggestions_and_stable_paging()
    {
        await IngestAsync();
        var suggestions = (await GetAsync("/api/v1/search/suggest?q=pharm&limit=5")).GetProperty("data").EnumerateArray().ToList();
        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, s => Assert.Contains("pharm", s.GetProperty("name").GetString()!, StringComparison.OrdinalIgnoreCase));

        // Paging is stable on an index that does not move: the indexer may still be applying the ingest's updates (which shift
        // scores), so a snapshot counts only when the whole list read before and after the pages is the same.
        var (whole, paged) = await Eventually.UntilAsync(async () =>
        {
            var before = (await HitsAsync("/api/v1/search?q=douala&limit=30")).Select(Id).ToList();
            var pages = new List<string>();
            for (var offset = 0; offset < 30; offset += 10)
            {
                pages.AddRange((await HitsAsync($"/api/v1/search?q=douala&limit=10&offset={offset}")).Select(Id));
            }
            var after = (await HitsAsync("/api/v1/search?q=douala&limit=30")).Select(Id).ToList();
            return (Whole: before.SequenceEqual(after) ? before : null, Paged: pages);
        }, snapshot => snapshot.Whole is not null, TimeSpan.FromSeconds(30), "a quiet index to page through");
        Assert.Equal(30, whole!.Count);
        Assert.Equal(whole, paged);
    }

    [Fact]
    public async Task Suspended_and_deleted_resources_leave_the_results_within_two_seconds()
    {
        var suspended = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Quincaillerie Zebulon"), resourceType = "BUSINESS" });
        var deleted = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Quincaillerie Zebulon"), resourceType = "BUSINESS" });
        await Eventually.UntilAsync(() => IdsAsync("zebulon"), ids => ids.Contains(Id(suspended)) && ids.Contains(Id(deleted)), Freshness, "the published resources in search");

        using (var response = await Api.SendAsync(HttpMethod.Post, $"/api/v1/api-resources/{Id(suspended)}/suspend", Admin))
        {
            Assert.True(response.IsSuccessStatusCode);
        }
        using (var response = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/api-resources/{Id(deleted)}", Owner))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        await Eventually.UntilAsync(() => IdsAsync("zebulon"), ids => !ids.Contains(Id(suspended)) && !ids.Contains(Id(deleted)), Freshness, "both gone from search");
    }

    [Fact]
    public async Task A_parent_category_slug_finds_resources_of_its_sub_categories()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var parent = await CreateCategoryAsync(new { name = $"Santé {suffix}", slug = $"sante-{suffix}" });
        var child = await CreateCategoryAsync(new { name = $"Pharmacie {suffix}", slug = $"pharmacie-{suffix}", parentId = parent });
        var sibling = await CreateCategoryAsync(new { name = $"Garage {suffix}", slug = $"garage-{suffix}" });
        var inChild = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Officine Xylophage"), resourceType = "BUSINESS", categoryId = child });
        var inSibling = await Api.CreatePublishedAsync(Owner, new { name = UniqueName("Atelier Xylophage"), resourceType = "BUSINESS", categoryId = sibling });
        await Eventually.UntilAsync(() => IdsAsync("xylophage"), ids => ids.Contains(Id(inChild)) && ids.Contains(Id(inSibling)), Freshness, "both resources in search");

        var underParentHits = await HitsAsync($"/api/v1/search?q=xylophage&category=sante-{suffix}");
        var underParent = underParentHits.Select(Id).ToList();
        Assert.StartsWith("Officine <em>Xylophage</em> ", underParentHits[0].GetProperty("highlights").GetProperty("name").GetString());
        Assert.Contains(Id(inChild), underParent);
        Assert.DoesNotContain(Id(inSibling), underParent);
        Assert.Equal([Id(inChild)], (await HitsAsync($"/api/v1/search?q=xylophage&category=pharmacie-{suffix}")).Select(Id).ToList());
        // categoryId stays the category itself, as in the resource list.
        Assert.Empty(await HitsAsync($"/api/v1/search?q=xylophage&categoryId={parent}"));
    }

    [Theory]
    [InlineData("/api/v1/search?lat=4.05")]
    [InlineData("/api/v1/search?lon=9.7")]
    [InlineData("/api/v1/search?lat=4.05&lon=9.7&radiusKm=0")]
    [InlineData("/api/v1/search?lat=4.05&lon=9.7&radiusKm=-3")]
    [InlineData("/api/v1/search?lat=4.05&lon=9.7&radiusKm=20001")]
    [InlineData("/api/v1/search?lat=91&lon=9.7")]
    [InlineData("/api/v1/search?limit=101")]
    [InlineData("/api/v1/search?limit=abc")]
    [InlineData("/api/v1/search?offset=-1")]
    [InlineData("/api/v1/search?sort=distance")]
    [InlineData("/api/v1/search?resourceType=SPACESHIP")]
    [InlineData("/api/v1/search?categoryId=not-a-uuid")]
    [InlineData("/api/v1/search/suggest?q=ab&limit=1000")]
    public async Task Bad_values_answer_400_in_the_envelope(string path)
    {
        using var client = Fixture.CreateGatewayClient();
        using var response = await client.GetAsync(path);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal("BAD_REQUEST", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Odd_text_is_searched_literally_or_refused_never_a_500()
    {
        using var client = Fixture.CreateGatewayClient();
        foreach (var q in new[] { "", "\"", "*", "?", ":", "\\", "(", ")", "[", "]", "name:x AND (y OR", "\" * ? : \\ ( ) [ ]" })
        {
            using var response = await client.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"q={q} answered {(int)response.StatusCode}");
        }
        // A 10 KB q reaches the handler (the request-line limit is 64 KB at the gateway and the service) and is refused in the envelope.
        using var huge = await client.GetAsync($"/api/v1/search?q={new string('a', 10 * 1024)}");
        var refusal = JsonDocument.Parse(await huge.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal("BAD_REQUEST", refusal.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("q must be at most 500 characters", refusal.GetProperty("error").GetProperty("message").GetString());
        using var tooLong = await client.GetAsync($"/api/v1/search?q={new string('a', 501)}");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        using var empty = await client.GetAsync("/api/v1/search/suggest?q=");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
    }

    [Fact]
    public async Task A_reindex_swaps_in_a_full_index_without_a_moment_of_empty_results()
    {
        await IngestAsync();
        var before = await TotalAsync("/api/v1/search?q=pharmacie");
        using var search = Fixture.App.CreateHttpClient("searchservice");
        // /internal/reindex is not routed by the gateway: the identities are signed here as the gateway would sign them.
        var token = await Fixture.IssueAsync(new PlatformIdentity(Admin.Id, null, PlatformIdentity.AdminUserType, "ENTERPRISE", null, Permissions.All));
        using var denied = new HttpRequestMessage(HttpMethod.Post, "/internal/reindex");
        denied.Headers.Add(PlatformTokenService.HeaderName, await Fixture.IssueAsync(new PlatformIdentity(Owner.Id, null, "BUSINESS", "FREE", null, [])));
        Assert.Equal(HttpStatusCode.Forbidden, (await search.SendAsync(denied)).StatusCode);

        using var start = new HttpRequestMessage(HttpMethod.Post, "/internal/reindex");
        start.Headers.Add(PlatformTokenService.HeaderName, token);
        Assert.Equal(HttpStatusCode.Accepted, (await search.SendAsync(start)).StatusCode);

        var totals = new List<long>();
        await Eventually.UntilAsync(async () =>
        {
            totals.Add(await TotalAsync("/api/v1/search?q=pharmacie"));
            using var status = new HttpRequestMessage(HttpMethod.Get, "/internal/reindex");
            status.Headers.Add(PlatformTokenService.HeaderName, token);
            using var response = await search.SendAsync(status);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("rebuild");
        }, rebuild => !rebuild.GetProperty("running").GetBoolean() && rebuild.GetProperty("completedAt").ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(120), "the rebuild to complete");
        totals.Add(await TotalAsync("/api/v1/search?q=pharmacie"));
        Assert.All(totals, total => Assert.True(total >= before, $"a search during the rebuild saw {total} of {before}"));
    }

    private async Task IngestAsync()
    {
        var rows = File.ReadLines(Path.Combine(SharedData.Directory, "osm-pois-cm.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(row => Cities.Contains(row.GetProperty("city").GetString()) && Categories.Contains(row.GetProperty("category_label_fr").GetString()))
            .ToList();
        var marker = rows[0].GetProperty("name").GetString()!;
        // Ingest once per system: upserts keyed by externalId make a repeat harmless anyway.
        if (await TotalAsync($"/api/v1/search?q=pharmacie&city=Ngaoundéré") > 0)
        {
            return;
        }
        var items = rows.Select(row => new
        {
            externalId = $"osm:node/{row.GetProperty("osm_node_id").GetInt64()}",
            name = row.GetProperty("name").GetString(),
            resourceType = "BUSINESS",
            categorySlug = row.GetProperty("category_label_fr").GetString(),
            description = $"{row.GetProperty("category_label_fr").GetString()} à {row.GetProperty("city").GetString()}. Source : OpenStreetMap (© contributeurs OpenStreetMap, ODbL 1.0).",
            address = new
            {
                city = row.GetProperty("city").GetString(),
                region = row.GetProperty("region").GetString(),
                country = "CM",
                latitude = row.GetProperty("lat").GetDouble(),
                longitude = row.GetProperty("lon").GetDouble(),
            },
        }).ToList();
        using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/api-resources/ingest", Admin, new { resources = items, mode = "upsert", publish = true });
        var body = await ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        await Eventually.UntilAsync(() => TotalAsync("/api/v1/search?resourceType=BUSINESS&limit=1"), total => total >= items.Count, IngestWait,
            $"{items.Count} ingested resources in search (first: {marker})");
    }

    private async Task<string> CreateCategoryAsync(object body)
    {
        using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/categories", Admin, body);
        var created = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToString());
        return Id(created.GetProperty("data"));
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var client = Fixture.CreateGatewayClient();
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<List<JsonElement>> HitsAsync(string path) => (await GetAsync(path)).GetProperty("data").EnumerateArray().ToList();

    private async Task<long> TotalAsync(string path) => (await GetAsync(path)).GetProperty("meta").GetProperty("total").GetInt64();

    private async Task<List<string>> IdsAsync(string q) => (await HitsAsync($"/api/v1/search?q={q}&limit=100")).Select(Id).ToList();

    private static string Id(JsonElement hit) => hit.GetProperty("id").GetString()!;

    private static string Text(JsonElement hit) =>
        $"{hit.GetProperty("name").GetString()} {hit.GetProperty("category").GetProperty("name").GetString()} {hit.GetProperty("description").GetString()}";
}
