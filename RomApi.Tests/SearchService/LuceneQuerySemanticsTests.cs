using static RomApi.Tests.SearchService.SmallIndex;

namespace RomApi.Tests.SearchService;

/// <summary>
/// Issue 13's query semantics on the real Lucene engine: BM25 with stop words optional, a minimum number of words that grows with
/// the query, a relaxed second pass for paraphrases, a proximity bonus, and typo matches below exact ones.
/// </summary>
public sealed class LuceneQuerySemanticsTests(LuceneIndexFixture shared) : IClassFixture<LuceneIndexFixture>
{
    [Fact]
    public async Task A_natural_question_finds_the_resource_that_answers_it()
    {
        var names = await NamesFoundAsync([
            Doc("Stade Giuseppe-Meazza", "Le stade de football de Milan, géré par la commune et partagé par deux clubs."),
            Doc("Stade municipal de Douala", "Un stade de football."),
            Doc("Pharmacie du Lac", "Pharmacie à Douala."),
        ], "Qui gère le stade Giuseppe-Meazza ?");
        Assert.Equal("Stade Giuseppe-Meazza", names[0]);
    }

    [Fact]
    public async Task A_query_of_only_stop_words_still_works()
    {
        await using var index = await WithAsync([Doc("Le Monde", "Quotidien."), Doc("Monde du bureau", "Papeterie."), Doc("Le Messager", "Quotidien.")]);
        Assert.Equal("Le Monde", (await index.NamesAsync("Le Monde"))[0]);
        Assert.Equal(["Le Messager", "Le Monde"], (await index.NamesAsync("le")).Order());
    }

    [Fact]
    public async Task Resources_with_all_the_words_rank_before_those_with_fewer()
    {
        var names = await NamesFoundAsync([
            Doc("Garage", "Réparation de voitures et de motos à Douala, pneus neufs."),
            Doc("Garage central", "Réparation de voitures."),
            Doc("Vente de pneus", "Pneus et jantes."),
        ], "garage réparation pneus Douala");
        // Four words need three; "Garage" holds all four, "Garage central" two, "Vente de pneus" one: fewer than 10 results, so the
        // query is relaxed to any word, and the one that satisfied the strict query still comes first.
        Assert.Equal("Garage", names[0]);
        Assert.Equal(3, names.Count);
    }

    [Fact]
    public async Task With_enough_results_a_query_keeps_its_minimum_number_of_words()
    {
        // On the shared data "restaurant yaounde" has well over 10 resources holding both words: nothing holding only one comes back.
        var synonyms = CategorySynonyms.LoadEmbedded();
        var page = await shared.Index.SearchAsync(new SearchIndexQuery("restaurant yaounde", 100, 0), CancellationToken.None);
        Assert.True(page.Total >= 10, $"{page.Total} results");
        Assert.All(page.Hits, hit =>
        {
            // The category counts with its synonyms ("Café" brings "restaurant").
            var category = synonyms.CategoryText(hit.Document.CategoryName);
            var text = TextFolding.Fold($"{hit.Document.Name} {category} {hit.Document.Description} {hit.Document.City} {hit.Document.Region}");
            Assert.Contains("restaurant", text);
            Assert.Contains("yaounde", text);
        });
    }

    [Fact]
    public async Task Words_close_together_rank_above_the_same_words_far_apart()
    {
        var names = await NamesFoundAsync([
            Doc("Établissement Nkolbisson", "ecole maternelle, cantine, bibliothèque, terrain de sport et primaire"),
            Doc("Établissement Mvog-Ada", "ecole primaire, cantine, bibliothèque, terrain de sport et maternelle"),
        ], "ecole primaire");
        Assert.Equal("Établissement Mvog-Ada", names[0]);
    }

    [Fact]
    public async Task The_name_weighs_more_than_the_category_more_than_the_description()
    {
        // The category holds the word without being the category the query names ("Boulangerie"): field weights decide.
        var names = await NamesFoundAsync([
            Doc("Chez Paul", "Une boulangerie du quartier."),
            Doc("Chez Marie", "Pains et gâteaux.", category: "Boulangerie pâtisserie"),
            Doc("Boulangerie Akwa", "Pains et gâteaux."),
        ], "boulangerie");
        Assert.Equal(["Boulangerie Akwa", "Chez Marie", "Chez Paul"], names);
    }

    [Fact]
    public async Task A_named_category_ranks_its_resources_above_those_that_only_mention_the_words()
    {
        await using var index = await WithAsync([
            Doc("Boulangerie Akwa", "Pains et gâteaux."),
            Doc("Chez Paul", "Une boulangerie du quartier."),
            Doc("Chez Marie", "Pains et gâteaux.", category: "Boulangerie"),
        ]);
        var page = await index.SearchAsync("boulangerie");
        Assert.Equal(["Chez Marie", "Boulangerie Akwa", "Chez Paul"], page.Hits.Select(hit => hit.Document.Name));
        var category = Assert.IsType<RomApi.SearchService.SearchIndex.Planning.CategorySense>(page.Understanding?.Category);
        Assert.Equal("Boulangerie", category.Category.Label);
    }

    [Fact]
    public async Task A_word_inside_a_fixed_expression_does_not_name_the_category()
    {
        // "hôtel de ville" names town halls: a town hall is no hotel, a hotel is, wherever the word is.
        await using var index = await WithAsync([
            Doc("Hôtel de ville de Garoua", "Mairie.", category: "Mairie, hôtel de ville", city: "Garoua"),
            Doc("Hotel Le Ribadu", "Chambres et restaurant.", category: "Hôtel", city: "Garoua"),
            Doc("Auberge du Nord", "Hôtel et restaurant.", city: "Garoua"),
        ]);
        Assert.Equal(["Hotel Le Ribadu", "Auberge du Nord"], await index.NamesAsync("hotel"));
        Assert.Equal(["Hôtel de ville de Garoua"], await index.NamesAsync("hotel de ville"));
    }

    [Fact]
    public async Task Each_category_word_keeps_its_own_fixed_expressions_whatever_was_searched_before()
    {
        // "école" and "institut" both name the higher-education category (one label), but each has its own fixed expressions of
        // other categories: "auto-école" for the first, "institut de beauté" for the second. Searching "école" first must not
        // leave "institut" with the expressions of "école", which would let the beauty salon in and keep the driving school out.
        const string higherEducation = "Enseignement supérieur (non universitaire) - institution ou campus (terrain)";
        await using var index = await WithAsync([
            Doc("Institut Siantou", "Formations supérieures.", category: higherEducation, city: "Yaoundé"),
            Doc("Institut de beauté Nadia", "Soins du visage.", category: "Salon de beauté", city: "Yaoundé"),
            Doc("Auto-école Lumière", "Permis de conduire.", category: "Auto-école", city: "Yaoundé"),
            Doc("Institut Lumière auto-école", "Permis de conduire.", category: "Auto-école", city: "Yaoundé"),
        ]);
        var school = await index.SearchAsync("école");
        Assert.Equal(higherEducation, Assert.IsType<RomApi.SearchService.SearchIndex.Planning.CategorySense>(school.Understanding?.Category).Category.Label);
        var institute = await index.SearchAsync("institut");
        Assert.Equal(higherEducation, Assert.IsType<RomApi.SearchService.SearchIndex.Planning.CategorySense>(institute.Understanding?.Category).Category.Label);
        var names = institute.Hits.Select(hit => hit.Document.Name).ToList();
        Assert.DoesNotContain("Institut de beauté Nadia", names);
        Assert.Contains("Institut Lumière auto-école", names);
        Assert.Contains("Institut Siantou", names);
    }

    [Fact]
    public async Task Exact_matches_outrank_typo_matches()
    {
        await using var index = await WithAsync([
            Doc("Pharmacie du Lac", "Pharmacie.", category: "Pharmacie"),
            Doc("Pinpoh pharmaciy", "Boutique."),
            Doc("Pharmacie Akwa", "Pharmacie.", category: "Pharmacie"),
        ]);
        // "pharmaciy" is in the index once: taken as typed it comes first; typo matches (the pharmacies) follow, lower.
        var page = await index.SearchAsync("pharmaciy");
        Assert.Equal("Pinpoh pharmaciy", page.Hits[0].Document.Name);
        Assert.Equal(3, page.Total);
        Assert.True(page.Hits[0].Score > 2 * page.Hits[1].Score, $"{page.Hits[0].Score} vs {page.Hits[1].Score}");
    }

    [Fact]
    public async Task Typo_matches_rank_by_edits_a_transposition_being_one()
    {
        await using var index = await WithAsync([
            Doc("Pinpoh pharmaciy", "Pharmacie à Douala.", category: "Pharmacie", city: "Douala"),
            Doc("Pharmacy Plus", "Pharmacie à Douala.", category: "Pharmacie", city: "Douala"),
            Doc("Pharmacie de la Gare", "Pharmacie à Douala.", category: "Pharmacie", city: "Douala"),
            Doc("Boutique Bell", "Boutique à Douala.", category: "Boutique", city: "Douala"),
        ]);
        // "pharmacei" -> "pharmacie": one transposition; "pharmaciy", "pharmacy": two edits.
        Assert.Equal("Pharmacie de la Gare", (await index.NamesAsync("pharmacei"))[0]);
        Assert.Equal("Pharmacie de la Gare", (await index.NamesAsync("pharmacei douala"))[0]);
    }

    [Fact]
    public async Task Typo_matches_as_close_rank_the_commoner_word_first()
    {
        // "buxeau" is one substitution from both "bureau" (three resources) and "buleau" (one).
        var names = await NamesFoundAsync([
            Doc("Buleau Bell", "Boutique."),
            Doc("Bureau Akwa", "Boutique."),
            Doc("Bureau Deido", "Boutique."),
            Doc("Bureau Bonapriso", "Boutique."),
        ], "buxeau");
        Assert.Equal(4, names.Count);
        Assert.Equal("Buleau Bell", names[^1]);
    }

    [Fact]
    public async Task A_place_in_the_query_filters_and_a_place_word_still_matches_names()
    {
        await using var index = await WithAsync([
            Doc("École publique de Bafoussam", "École primaire.", category: "École élémentaire ou secondaire (terrain)", city: "Bafoussam"),
            Doc("École Saint-Michel", "École primaire.", category: "École élémentaire ou secondaire (terrain)", city: "Douala"),
            Doc("École Les Lauriers", "École primaire.", category: "École élémentaire ou secondaire (terrain)", city: "Douala"),
            Doc("Hotel Garoua", "Chambres.", category: "Hôtel", city: "Douala"),
            Doc("Pharmacie du Lac", "Pharmacie.", category: "Pharmacie", city: "Garoua"),
        ]);
        var schools = await index.SearchAsync("ecole primaire bafoussam");
        Assert.Equal(["École publique de Bafoussam"], schools.Hits.Select(hit => hit.Document.Name));
        Assert.Equal("Bafoussam", schools.Understanding?.Place?.Place.Name);
        Assert.Equal(RomApi.SearchService.SearchIndex.Planning.PlaceUse.Filter, schools.Understanding?.PlaceUse);

        // "Garoua" is where, and a word of a name: the hotel named after it (in Douala) still answers.
        Assert.Equal(["Hotel Garoua"], await index.NamesAsync("hotel garoua"));

        // Nothing for the what in the where: the what anywhere, and the understanding says the place was dropped.
        var elsewhere = await index.SearchAsync("pharmacie douala");
        Assert.Equal(["Pharmacie du Lac"], elsewhere.Hits.Select(hit => hit.Document.Name));
        Assert.Equal(RomApi.SearchService.SearchIndex.Planning.PlaceUse.Dropped, elsewhere.Understanding?.PlaceUse);
    }

    [Fact]
    public async Task A_typo_of_a_place_the_index_holds_is_that_place()
    {
        await using var index = await WithAsync([
            Doc("Pharmacie Centrale", "Pharmacie.", category: "Pharmacie", city: "Ngaoundéré"),
            Doc("Pharmacie du Lac", "Pharmacie.", category: "Pharmacie", city: "Douala"),
        ]);
        var page = await index.SearchAsync("pharmacie ngaoundree");
        Assert.Equal(["Pharmacie Centrale"], page.Hits.Select(hit => hit.Document.Name));
        Assert.Equal("Ngaoundéré", page.Understanding?.Place?.Place.Name);
        Assert.Equal(["Pharmacie Centrale"], await index.NamesAsync("ngaoundree"));
    }

    [Fact]
    public async Task A_word_of_the_family_finds_a_name_holding_another_phrase_of_the_category()
    {
        // "coiffeur" names hairdressers; a salon filed under another category is found by its name, "Salon de coiffure".
        var names = await NamesFoundAsync([
            Doc("Salon de coiffure Élégance", "Coiffure hommes et femmes, tresses.", category: "Beauté"),
            Doc("Boutique Bell", "Vêtements.", category: "Boutique"),
        ], "coiffeur");
        Assert.Equal(["Salon de coiffure Élégance"], names);
    }

    [Fact]
    public async Task A_typo_of_pharmacie_puts_pharmacies_first_on_the_shared_data()
    {
        var page = await shared.Index.SearchAsync(new SearchIndexQuery("pharmacei", 10, 0), CancellationToken.None);
        Assert.Equal(10, page.Hits.Count);
        Assert.All(page.Hits, hit => Assert.StartsWith("pharmacie", TextFolding.Fold(hit.Document.Name)));
    }

    [Fact]
    public async Task A_facet_with_more_than_100_values_adds_up_with_its_other_count()
    {
        // 150 cities: c000..c149, city i holding 1 + i % 3 resources (50 cities each of 3, 2 and 1), and 5 resources without a city.
        var documents = Enumerable.Range(0, 150)
            .SelectMany(i => Enumerable.Range(0, 1 + i % 3).Select(_ => Doc("Boutique", city: $"c{i:D3}")))
            .Concat(Enumerable.Range(0, 5).Select(_ => Doc("Boutique")))
            .ToList();
        await using var index = await WithAsync(documents);

        var widest = await index.SearchAsync("boutique", facetSize: SearchFacets.MaxSize);
        Assert.Equal(305, widest.Total);
        Assert.Equal(100, widest.Facets.City.Count);
        Assert.Equal(250, widest.Facets.City.Sum(bucket => bucket.Count)); // the 50 cities of 3 and the 50 of 2
        Assert.Equal(55, widest.Facets.Other.City); // the 50 cities of 1 and the 5 without a city
        Assert.Equal("c002", widest.Facets.City[0].Key); // largest first, ties by key
        Assert.Equal(0, widest.Facets.Other.ResourceType);
        Assert.Equal(305, Assert.Single(widest.Facets.ResourceType).Count);
        Assert.Equal(305, widest.Facets.Other.Category); // no resource has a category

        var byDefault = await index.SearchAsync("boutique");
        Assert.Equal(20, byDefault.Facets.City.Count);
        Assert.Equal(305 - 20 * 3, byDefault.Facets.Other.City);
    }
}
