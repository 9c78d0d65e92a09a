namespace RomApi.Tests.ServiceDefaults;

/// <summary>The two folds on French and Cameroonian text, with the outputs written out: where they agree and where they differ.</summary>
public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("Yaoundé", "yaounde", "yaounde", "yaounde")]
    [InlineData("NGAOUNDÉRÉ", "ngaoundere", "ngaoundere", "ngaoundere")]
    [InlineData("  Hôtel de Ville  ", "hotel de ville", "hotel de ville", "hotel-de-ville")]
    [InlineData("Garçon Façade", "garcon facade", "garcon facade", "garcon-facade")]
    [InlineData("Saint-Étienne-du-Rouvray", "saint-etienne-du-rouvray", "saint etienne du rouvray", "saint-etienne-du-rouvray")]
    [InlineData("L'Œuvre d'Orient", "l'œuvre d'orient", "l oeuvre d orient", "l-oeuvre-d-orient")]
    [InlineData("Crème brûlée & Cie", "creme brulee & cie", "creme brulee cie", "creme-brulee-cie")]
    [InlineData("Bafoussam, Ouest", "bafoussam, ouest", "bafoussam ouest", "bafoussam-ouest")]
    [InlineData("ﬁnance Éthique", "ﬁnance ethique", "finance ethique", "finance-ethique")]
    [InlineData("Straße Noël", "straße noel", "strasse noel", "strasse-noel")]
    public void Fold_keeps_punctuation_and_ligatures_FoldToWords_keeps_letters_and_digits(string text, string fold, string words, string slug)
    {
        Assert.Equal(fold, TextFolding.Fold(text));
        Assert.Equal(words, TextFolding.FoldToWords(text));
        Assert.Equal(slug, TextFolding.Slugify(text));
    }

    [Fact]
    public void A_slug_is_cut_at_its_maximum_length()
    {
        // 15 times "patisserie-a" and a dash are 195 characters; the cut falls inside the 16th word.
        var slug = TextFolding.Slugify(string.Concat(Enumerable.Repeat("Pâtisserie à ", 40)));

        Assert.Equal(TextFolding.MaxSlugLength, slug.Length);
        Assert.Equal(string.Concat(Enumerable.Repeat("patisserie-a-", 15)) + "patis", slug);
    }
}
