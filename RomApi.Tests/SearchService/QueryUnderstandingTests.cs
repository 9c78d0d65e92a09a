using RomApi.SearchService.SearchIndex.Planning;

namespace RomApi.Tests.SearchService;

/// <summary>How the planner reads a place and a category in a query against a vocabulary (pure logic, no index).</summary>
public sealed class QueryUnderstandingTests : IDisposable
{
    private readonly QueryPlanner _planner = new();
    private readonly QueryVocabulary _vocabulary;

    public QueryUnderstandingTests()
    {
        string[] Stems(string text) => _planner.ContentWords(text).Select(word => word.Stem).ToArray();
        _vocabulary = new(
        new Dictionary<string, PlaceEntry>
        {
            ["douala"] = new("Douala", ["douala"], []),
            ["bonaberi"] = new("Bonabéri", ["bonaberi"], []),
            ["san pedro"] = new("San-Pédro", ["san-pedro"], []),
            ["ngaoundere"] = new("Ngaoundéré", ["ngaoundere"], []),
        },
        new Dictionary<string, CategoryEntry>
        {
            [QueryVocabulary.Key(Stems("Pharmacie"))] = new("Pharmacie", ["Pharmacie"], [Stems("Pharmacie")], []),
            [QueryVocabulary.Key(Stems("Agence de voyages"))] = new("Agence de voyages", ["Agence de voyages"], [Stems("Agence de voyages")], []),
        });
    }

    public void Dispose() => _planner.Dispose();

    [Fact]
    public void The_place_is_where_and_the_rest_what()
    {
        var plan = _planner.Plan("Pharmacie Douala", _vocabulary)!;
        Assert.Equal("Douala", plan.Place?.Place.Name);
        Assert.Equal("Pharmacie", plan.Category?.Category.Label);
        Assert.Equal(["pharmacie"], plan.Words.Select(word => word.Folded));
        Assert.Equal(1, plan.Required);
        Assert.Equal(["pharmacie", "douala"], plan.Plain!.Words.Select(word => word.Folded));
    }

    [Fact]
    public void Places_of_several_words_and_several_places_are_read()
    {
        var plan = _planner.Plan("agence de voyages san pedro", _vocabulary)!;
        Assert.Equal("San-Pédro", plan.Place?.Place.Name);
        Assert.Equal("Agence de voyages", plan.Category?.Category.Label);
        var both = _planner.Plan("pharmacie bonaberi douala", _vocabulary)!;
        Assert.Equal(["bonaberi", "douala"], both.Place!.Place.CityKeys.Order());
    }

    [Fact]
    public void A_place_typo_counts_only_for_a_word_the_index_does_not_hold()
    {
        Assert.Equal("Ngaoundéré", _planner.Plan("pharmacie ngaoundree", _vocabulary, knownStem: _ => false)!.Place?.Place.Name);
        Assert.Null(_planner.Plan("pharmacie ngaoundree", _vocabulary, knownStem: _ => true)!.Place);
        Assert.Null(_planner.Plan("pharmacie ngaoundree", _vocabulary)!.Place);
    }

    [Fact]
    public void Without_a_place_the_fallback_is_none_and_a_place_alone_falls_back_to_the_text()
    {
        Assert.Null(_planner.Plan("pharmacie", _vocabulary)!.Fallback());
        var alone = _planner.Plan("douala", _vocabulary)!;
        Assert.True(alone.MatchesEverything);
        Assert.Equal(["douala"], alone.Fallback()!.Words.Select(word => word.Folded));
    }

    [Theory]
    [InlineData("pharmacei", "pharmacie", 1)]
    [InlineData("pharmacei", "pharmaciy", 2)]
    [InlineData("pharmacei", "pharmacy", 2)]
    [InlineData("ngaoundree", "ngaoundere", 1)]
    [InlineData("douala", "douala", 0)]
    public void A_transposition_is_one_edit(string a, string b, int edits) => Assert.Equal(edits, Edits.Between(a, b));
}
