using RomApi.SearchService.Search;

namespace RomApi.Tests.SearchService;

public sealed class SearchHighlighterTests : IDisposable
{
    private readonly SearchHighlighter _highlighter = new();

    private static SearchDocument Document(string name, string? description) =>
        new(Guid.NewGuid(), name, "slug", description, "BUSINESS", null, null, null, "Douala", null, null, null, false, "FREE", null);

    private SearchHighlights? Highlight(string query, string name, string? description = null) =>
        _highlighter.Highlight(Document(name, description), _highlighter.QueryWords(query));

    [Fact]
    public void Words_are_marked_through_accents_case_plurals_and_elision()
    {
        var highlights = Highlight("pharmacies yaounde", "Pharmacie de l'Hôpital", "Grande pharmacie à Yaoundé, près d'Hôpital.");
        Assert.Equal("<em>Pharmacie</em> de l'Hôpital", highlights!.Name);
        Assert.Equal("Grande <em>pharmacie</em> à <em>Yaoundé</em>, près d'Hôpital.", highlights.Description);
        Assert.Equal("Boulangerie de l'<em>Hôpital</em>", Highlight("hopital", "Boulangerie de l'Hôpital")!.Name);
    }

    [Fact]
    public void Text_is_html_encoded_around_the_marks()
    {
        Assert.Equal("Bar &lt;Chez <em>Léa</em>&gt; &amp; fils", Highlight("lea", "Bar <Chez Léa> & fils")!.Name);
    }

    [Fact]
    public void A_long_description_is_cut_around_its_first_match()
    {
        var description = string.Join(' ', Enumerable.Repeat("texte", 60)) + " une boulangerie ouverte " + string.Join(' ', Enumerable.Repeat("suite", 60));
        var fragment = Highlight("boulangerie", "Chez Paul", description)!.Description!;
        Assert.StartsWith("…", fragment);
        Assert.EndsWith("…", fragment);
        Assert.Contains("une <em>boulangerie</em> ouverte", fragment);
        Assert.True(fragment.Length < SearchHighlighter.MaxFragmentLength + 30, fragment);
    }

    [Fact]
    public void Nothing_to_mark_gives_no_highlights()
    {
        Assert.Null(Highlight("garage", "Pharmacie du Lac", "Pharmacie à Douala"));
        Assert.Null(Highlight("", "Pharmacie du Lac"));
        Assert.Null(Highlight("\" * ?", "Pharmacie du Lac"));
        Assert.Null(Highlight("pharmacie", "Pharmacie du Lac", "Ouverte la nuit")!.Description);
    }

    public void Dispose() => _highlighter.Dispose();
}
