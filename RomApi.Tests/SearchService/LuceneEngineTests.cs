using RomApi.SearchService.Geo;

namespace RomApi.Tests.SearchService;

/// <summary>The Lucene engine on the real index filled with the shared data (4,741 OSM places, 1,695 public APIs).</summary>
public sealed class LuceneEngineTests(LuceneIndexFixture fixture) : IClassFixture<LuceneIndexFixture>
{
    private const double DoualaLat = 4.04827, DoualaLon = 9.70428;

    private Task<SearchIndexPage> Search(string text, int limit = 20, int offset = 0, SearchSort sort = SearchSort.Relevance,
        GeoFilter? geo = null, string? city = null, string? resourceType = null) =>
        fixture.Index.SearchAsync(new SearchIndexQuery(text, limit, offset, sort, City: city, ResourceType: resourceType, Geo: geo), CancellationToken.None);

    [Theory]
    [InlineData("yaounde", "Yaoundé")]
    [InlineData("ngaoundere", "Ngaoundéré")]
    public async Task Accents_and_case_do_not_matter(string typed, string city)
    {
        var page = await Search(typed, limit: 100);
        Assert.True(page.Total > 0);
        Assert.Contains(page.Hits, hit => hit.Document.City == city);
        var filtered = await Search("", city: typed.ToUpperInvariant());
        Assert.Equal(fixture.Documents.Count(d => d.City == city), filtered.Total);
    }

    [Fact]
    public async Task A_category_filter_matches_any_of_its_slugs()
    {
        var pharmacies = fixture.Documents.Count(d => d.CategorySlug == "pharmacie");
        var banks = fixture.Documents.Count(d => d.CategorySlug == "banque");
        Assert.True(pharmacies > 0 && banks > 0);
        var one = await fixture.Index.SearchAsync(new SearchIndexQuery("", 1, 0, CategorySlugs: ["pharmacie"]), CancellationToken.None);
        var both = await fixture.Index.SearchAsync(new SearchIndexQuery("", 1, 0, CategorySlugs: ["sante-inconnue", "pharmacie", "banque"]), CancellationToken.None);
        Assert.Equal(pharmacies, one.Total);
        Assert.Equal(pharmacies + banks, both.Total);
    }

    [Fact]
    public async Task A_french_plural_finds_the_singular()
    {
        var page = await Search("pharmacies", limit: 100);
        var pharmacies = fixture.Documents.Count(d => d.CategoryName == "Pharmacie");
        Assert.True(page.Total >= pharmacies, $"{page.Total} hits for {pharmacies} pharmacies");
        Assert.All(page.Hits.Take(10), hit => Assert.Contains("pharmac", (hit.Document.Name + hit.Document.CategoryName).ToLowerInvariant()));
    }

    [Fact]
    public async Task A_typo_in_a_long_word_still_finds()
    {
        var page = await Search("pharmacei");
        Assert.True(page.Total > 0);
        Assert.Equal("Pharmacie", page.Hits[0].Document.CategoryName);
        Assert.Equal(0, (await Search("qwzrtplkjv")).Total);
    }

    [Fact]
    public async Task A_category_synonym_finds_the_category()
    {
        var page = await Search("coiffeur", limit: 100);
        Assert.Contains(page.Hits, hit => hit.Document.CategoryName == "Salon de coiffure" && !hit.Document.Name.Contains("oiffeur", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task French_elision_is_ignored()
    {
        var withArticle = await Search("l'école");
        var without = await Search("école");
        Assert.True(without.Total > 0);
        Assert.Equal(without.Total, withArticle.Total);
    }

    [Fact]
    public async Task The_name_weighs_more_than_the_description()
    {
        // "Banque" is in the name of some banks and in the description (category label) of all of them.
        var page = await Search("banque", limit: 100);
        var hits = page.Hits.ToList();
        var firstWithout = hits.FindIndex(hit => !hit.Document.Name.Contains("banque", StringComparison.OrdinalIgnoreCase));
        var lastWith = hits.FindLastIndex(hit => hit.Document.Name.Contains("banque", StringComparison.OrdinalIgnoreCase));
        Assert.True(firstWithout > 0 && lastWith < firstWithout, $"first without the word {firstWithout}, last with it {lastWith}");
    }

    [Fact]
    public async Task A_radius_around_Douala_keeps_only_nearby_places_sorted_by_distance()
    {
        var page = await Search("", limit: 100, sort: SearchSort.Distance, geo: new GeoFilter(DoualaLat, DoualaLon, 5));
        var expected = fixture.Documents.Count(d => d.Latitude is { } lat && Haversine.DistanceKm(DoualaLat, DoualaLon, lat, d.Longitude!.Value) <= 5);
        Assert.Equal(expected, page.Total);
        Assert.True(page.Total > 10);
        var distances = page.Hits.Select(hit => hit.DistanceKm!.Value).ToList();
        Assert.Equal(distances.Order(), distances);
        Assert.All(page.Hits, hit => Assert.Equal(
            Math.Round(Haversine.DistanceKm(DoualaLat, DoualaLon, hit.Document.Latitude!.Value, hit.Document.Longitude!.Value), 3), hit.DistanceKm));
        Assert.All(distances, km => Assert.InRange(km, 0, 5));
    }

    [Fact]
    public async Task Facets_count_the_whole_result_set_and_add_up_to_the_total()
    {
        var page = await Search("restaurant", limit: 5);
        Assert.True(page.Total > 5);
        Assert.Equal(page.Total, page.Facets.ResourceType.Sum(bucket => bucket.Count));
        Assert.Equal(page.Total, page.Facets.Category.Sum(bucket => bucket.Count));
        var all = await Search("", limit: 1);
        Assert.Equal(fixture.Documents.DistinctBy(d => d.Id).Count(), all.Total);
        Assert.Equal(fixture.Documents.DistinctBy(d => d.Id).Count(d => d.ResourceType == "API"), all.Facets.ResourceType.Single(b => b.Key == "API").Count);
    }

    [Fact]
    public async Task Paging_is_stable_and_disjoint()
    {
        var whole = await Search("boutique", limit: 60);
        Assert.True(whole.Total > 60);
        var pages = new List<SearchIndexHit>();
        for (var offset = 0; offset < 60; offset += 20)
        {
            pages.AddRange((await Search("boutique", limit: 20, offset: offset)).Hits);
        }
        Assert.Equal(whole.Hits.Select(h => h.Document.Id), pages.Select(h => h.Document.Id));
        Assert.Equal(60, pages.Select(h => h.Document.Id).Distinct().Count());
    }

    [Fact]
    public async Task Suggestions_complete_a_prefix_without_accents()
    {
        var suggestions = await fixture.Index.SuggestAsync("pharm", 10, CancellationToken.None);
        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, s => Assert.Contains(s.Name.Split(' ', '-', '\''), word => word.StartsWith("pharm", StringComparison.OrdinalIgnoreCase)));
        var accented = await fixture.Index.SuggestAsync("ecole", 5, CancellationToken.None);
        Assert.Contains(accented, s => s.Name.Contains("École", StringComparison.OrdinalIgnoreCase) || s.Name.Contains("Ecole", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Suggestions_complete_the_last_word_after_whole_words_as_written()
    {
        // Whole words are matched as written, not stemmed ("pharmacie" is indexed for suggestions as "pharmacie", not "pharmac").
        var suggestions = await fixture.Index.SuggestAsync("pharmacie du", 10, CancellationToken.None);
        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, s =>
        {
            var words = s.Name.ToLowerInvariant().Split(' ', '-', '\'');
            Assert.Contains("pharmacie", words);
            Assert.Contains(words, word => word.StartsWith("du", StringComparison.Ordinal));
        });
    }

    /// <summary>Lucene's query syntax means nothing in q: the answer is the one to the same words without it.</summary>
    [Theory]
    [InlineData("banque AND (", "banque AND")]
    [InlineData("\"banque\" [Douala]", "banque Douala")]
    public async Task Query_syntax_characters_are_plain_text(string text, string words)
    {
        var page = await Search(text);
        var plain = await Search(words);

        Assert.NotEqual(0, plain.Total);
        Assert.Equal(plain.Total, page.Total);
        Assert.Equal(plain.Hits.Select(hit => hit.Document.Id), page.Hits.Select(hit => hit.Document.Id));
    }

    /// <summary>Syntax characters alone are no words: nothing matches them (not everything, as an empty q would).</summary>
    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("? : \\ ( ) [ ]")]
    public async Task A_query_of_syntax_characters_alone_finds_nothing(string text)
    {
        Assert.NotEqual(0, (await Search("")).Total);
        Assert.Equal(0, (await Search(text)).Total);
    }

    [Fact]
    public async Task Removing_is_idempotent_and_replays_are_harmless()
    {
        var doc = fixture.Documents.First(d => d.ResourceType == "API") with { Id = Guid.NewGuid(), Name = "Zyxwvut Unique" };
        var position = await fixture.Index.ReadPositionAsync(CancellationToken.None);
        await fixture.Index.ApplyAsync([new UpsertDocument(doc), new UpsertDocument(doc)], position + 1, moreToCome: false, CancellationToken.None);
        Assert.Equal(1, (await Search("zyxwvut")).Total);
        await fixture.Index.ApplyAsync([new RemoveDocument(doc.Id)], position + 2, moreToCome: false, CancellationToken.None);
        await fixture.Index.ApplyAsync([new RemoveDocument(doc.Id)], position + 3, moreToCome: false, CancellationToken.None);
        Assert.Equal(0, (await Search("zyxwvut")).Total);
        Assert.Equal(position + 3, await fixture.Index.ReadPositionAsync(CancellationToken.None));
    }
}
